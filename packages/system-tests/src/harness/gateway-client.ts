/** A response read as JSON (or `undefined` for an empty body). */
export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * Where requests go: the gateway's Hono app in-process (`app.request`), or a running gateway over
 * HTTP ({@link httpTarget}).
 */
export interface GatewayTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * A {@link GatewayTarget} for a gateway listening at `baseUrl` (a separate process); a request
 * unanswered after `timeoutMs` fails rather than hangs.
 */
export function httpTarget(baseUrl: string, timeoutMs = 30_000): GatewayTarget {
  return {
    request: (path, init) =>
      fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  };
}

/** Calls the gateway the way the web app and partner systems do. */
export interface GatewayClient {
  /**
   * A partner REST call under `/api/v1` with an API key, and an `Idempotency-Key` on mutations.
   * @example
   * await http.rest('POST', '/donations', { apiKey, idempotencyKey: 'k-1', body: donation });
   */
  rest<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    init?: { apiKey?: string; idempotencyKey?: string; body?: unknown },
  ): Promise<JsonResponse<T>>;
  /**
   * A tRPC call (`query` by GET, `mutation` by POST) with a session cookie; the unwrapped
   * `result.data` is in `data` when the status is 200, the tRPC error in `error` otherwise.
   */
  trpc<T = unknown>(
    path: string,
    init?: { input?: unknown; cookie?: string; mutation?: boolean; idempotencyKey?: string },
  ): Promise<{ status: number; data?: T; error?: TrpcErrorBody }>;
  /** Signs in through `auth.login`; returns the session cookie to pass to {@link trpc}. */
  signIn(login: string, password: string): Promise<string>;
}

/** The JSON of a tRPC error. */
export interface TrpcErrorBody {
  readonly message: string;
  readonly code: number;
  readonly data?: { readonly code?: string; readonly httpStatus?: number };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * A {@link GatewayClient} over `app.request()` (or HTTP, see {@link httpTarget}). Each call comes
 * from its own `X-Forwarded-For` address so that per-address rate limits do not trip in long
 * tests (the harness's gateway trusts the proxy header).
 */
export function createGatewayClient(app: GatewayTarget): GatewayClient {
  let address = 0;
  const nextAddress = () =>
    `10.1.${String(Math.floor(address / 250) % 250)}.${String((address++ % 250) + 1)}`;

  const trpc: GatewayClient['trpc'] = async (path, init = {}) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-forwarded-for': nextAddress(),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
    };
    const res = init.mutation
      ? await app.request(`/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(init.input ?? {}),
        })
      : await app.request(
          `/trpc/${path}${init.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(init.input))}`}`,
          { headers },
        );
    const json = (await readJson(res)) as
      { result?: { data?: unknown }; error?: TrpcErrorBody } | undefined;
    if (res.status === 200) return { status: res.status, data: json?.result?.data as never };
    return { status: res.status, ...(json?.error ? { error: json.error } : {}) };
  };

  return {
    async rest(method, path, init = {}) {
      const headers: Record<string, string> = { 'x-forwarded-for': nextAddress() };
      if (init.apiKey) headers['authorization'] = `Bearer ${init.apiKey}`;
      if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(`/api/v1${path}`, {
        method,
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: res.status, headers: res.headers, body: (await readJson(res)) as never };
    },
    trpc,
    async signIn(login, password) {
      const res = await app.request('/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
        body: JSON.stringify({ login, password }),
      });
      if (res.status !== 200) {
        throw new Error(`sign-in of ${login} failed: ${String(res.status)} ${await res.text()}`);
      }
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
  };
}
