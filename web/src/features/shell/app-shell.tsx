import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import { useLogout } from '../auth/use-session.js';
import { LanguageSwitch } from './language-switch.js';
import { RoleSwitch } from './role-switch.js';

/**
 * The frame of every signed-in screen: a header with the product's name, the user, the role
 * switch (several roles only), the language switch and sign-out; the screen below it.
 */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          <span className="app-header__name" lang="ko">
            안부
          </span>
          <span className="app-header__latin" lang="en">
            Anbu
          </span>
        </div>
        <div className="app-header__tools">
          <span className="app-header__user">
            <span className="app-header__user-name">
              {t('shell.signedInAs', { name: me.user.displayName })}
            </span>
            {me.memberships.length < 2 && <span className="tag">{t(`roles.${me.role}`)}</span>}
          </span>
          <RoleSwitch me={me} />
          <LanguageSwitch />
          <button
            type="button"
            className="button button--quiet"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
