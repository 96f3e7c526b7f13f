import type { RenderResult } from '@testing-library/react';
import type { TRPCLink } from '@trpc/client';
import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { I18nextProvider } from 'react-i18next';

import type { AppRouter } from '@anbu/gateway';

import { createI18n } from '../i18n/index.js';
import { TRPCProvider } from '../lib/trpc.js';

/** Answers one procedure call; throw {@link gatewayError} to answer with an error. */
export type Handler = (input: unknown) => unknown;

/** A recorded call to the fake gateway. */
export interface Call {
  readonly path: string;
  readonly input: unknown;
}

/** An error as the gateway's errorFormatter shapes it. */
export function gatewayError(code: string, message = code): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: { message, code: -32000, data: { code, httpStatus: 400, fieldErrors: null } },
  });
}

/**
 * Renders `ui` inside the app's providers, with a tRPC client whose link answers from
 * `handlers` (by procedure path) instead of HTTP: the components, hooks and query cache under
 * test are the real ones; only the server is a stand-in.
 */
export async function renderWithGateway(
  ui: ReactElement,
  { handlers, language = 'ko' }: { handlers: Record<string, Handler>; language?: 'ko' | 'en' },
): Promise<RenderResult & { calls: Call[] }> {
  const calls: Call[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        try {
          if (!handler) throw gatewayError('NOT_FOUND', `no handler for ${op.path}`);
          observer.next({ result: { type: 'data', data: handler(op.input) } });
          observer.complete();
        } catch (error) {
          observer.error(
            error instanceof TRPCClientError ? error : gatewayError('INTERNAL_SERVER_ERROR'),
          );
        }
      });
  const trpcClient = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const i18n = await createI18n({ language });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {ui}
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return Object.assign(result, { calls });
}
