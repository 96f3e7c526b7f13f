import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './styles/app.css';
import './styles/screens.css';
import './styles/work.css';

import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import { App } from './app.js';
import { env } from './env.js';
import { createI18n, readStoredLanguage } from './i18n/index.js';
import { createApiClient, createQueryClient, TRPCProvider } from './lib/trpc.js';

async function main() {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  const i18n = await createI18n({ language: readStoredLanguage(window.localStorage) });
  const queryClient = createQueryClient();
  const trpcClient = createApiClient({ url: env.trpcUrl });
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <App />
          </TRPCProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  document.body.textContent = 'Anbu could not start. / 안부를 시작하지 못했습니다.';
});
