import type { RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';

import type { Language } from '../i18n/index.js';
import { createI18n } from '../i18n/index.js';

/** Renders `ui` with a fresh i18n instance in `language` (Korean by default). */
export async function renderWithI18n(
  ui: ReactElement,
  { language = 'ko' }: { language?: Language } = {},
): Promise<RenderResult> {
  const i18n = await createI18n({ language });
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}
