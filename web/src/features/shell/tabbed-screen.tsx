import type { ReactNode } from 'react';
import { useState } from 'react';

/** One tab of a {@link TabbedScreen}. */
export interface ScreenTab {
  readonly id: string;
  readonly label: string;
  readonly render: () => ReactNode;
}

/** A role's screen in tabs (the dispatcher's map and matching, …); the first tab opens. */
export function TabbedScreen({ label, tabs }: { label: string; tabs: readonly ScreenTab[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
  const shown = tabs.find((tab) => tab.id === active) ?? tabs[0];
  return (
    <div className="tabbed-screen">
      <nav className="tab-bar" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            className="tab-bar__tab"
            aria-pressed={tab.id === shown?.id}
            onClick={() => setActive(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </nav>
      <div className="tabbed-screen__body">{shown?.render()}</div>
    </div>
  );
}
