import type { GatewayClient, TrpcErrorBody } from '../harness/gateway-client.js';

/** How long one call keeps retrying while the stack recovers from a crash. */
export const DEFAULT_RECOVERY_MS = 180_000;

/** Counts of a {@link PersistentClient}'s calls. */
export interface CallStats {
  /** Calls made (each counted once, however often it was retried). */
  calls: number;
  /** Attempts that failed for want of an answer (connection refused, 5xx, timeout) and were sent again. */
  retries: number;
  /** Sessions signed in again after a 401. */
  reSignIns: number;
  /** Per procedure or route: calls and the wall time until each was answered (retries included). */
  readonly byPath: Map<string, { calls: number; ms: number }>;
}

/** The `top` slowest paths of `stats` by total time: `path n×avg-ms`, one line. */
export function slowestPaths(stats: CallStats, top = 6): string {
  return [...stats.byPath]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, top)
    .map(([path, { calls, ms }]) => `${path} ${String(calls)}×${String(Math.round(ms / calls))}ms`)
    .join(' ');
}

/** What a tRPC call answered in the end: a 2xx with its data, or a 4xx the caller must read. */
export type Answer<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly error?: TrpcErrorBody };

/**
 * A gateway client that rides out crashes the way a careful client does: a call that gets no
 * answer (connection refused, a 5xx, 408/429) is sent again with the same `Idempotency-Key`
 * until it is answered, and a session lost with a gateway restart is signed in again.
 */
export interface PersistentClient {
  readonly stats: CallStats;
  /** A tRPC query or mutation as `login` (signed in on first use). */
  trpc<T>(
    login: string,
    path: string,
    init?: { input?: unknown; mutation?: boolean; idempotencyKey?: string },
  ): Promise<Answer<T>>;
  /** A partner REST call; answers status and body once the gateway answered. */
  rest<T>(
    method: 'GET' | 'POST',
    path: string,
    init: { apiKey: string; idempotencyKey?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
}

const retriable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Wraps `http` with retries (see {@link PersistentClient}); `password` signs every login in.
 * `onCall` runs after each answered call (a fault injector counts progress with it).
 */
export function createPersistentClient(options: {
  http: GatewayClient;
  password: string;
  recoveryMs?: number;
  onCall?: () => void;
}): PersistentClient {
  const { http, password, recoveryMs = DEFAULT_RECOVERY_MS } = options;
  const stats: CallStats = { calls: 0, retries: 0, reSignIns: 0, byPath: new Map() };

  async function persist<R>(label: string, attempt: () => Promise<R | undefined>): Promise<R> {
    stats.calls += 1;
    const started = Date.now();
    const deadline = started + recoveryMs;
    let wait = 100;
    for (;;) {
      let answer: R | undefined;
      try {
        answer = await attempt();
      } catch {
        answer = undefined;
      }
      if (answer !== undefined) {
        const entry = stats.byPath.get(label) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += Date.now() - started;
        stats.byPath.set(label, entry);
        options.onCall?.();
        return answer;
      }
      if (Date.now() > deadline)
        throw new Error(`${label}: no answer within ${String(recoveryMs)} ms`);
      stats.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 1_000);
    }
  }

  // One sign-in per login however many calls need it at once (signing in hashes a password: a
  // dozen at the same moment cost seconds of the stack's CPU).
  const sessions = new Map<string, Promise<string>>();
  /** The session cookie of `login`, signing in when there is none or it is `stale` (a 401). */
  async function cookieOf(login: string, stale?: string): Promise<string> {
    const known = sessions.get(login);
    if (known) {
      const cookie = await known.catch(() => undefined);
      if (cookie !== undefined && cookie !== stale) return cookie;
      // Another call signed in again meanwhile: use its session.
      if (sessions.get(login) !== known) return cookieOf(login, stale);
    }
    const signingIn = persist(`sign-in ${login}`, async () => {
      try {
        return await http.signIn(login, password);
      } catch {
        return undefined;
      }
    });
    sessions.set(login, signingIn);
    return signingIn;
  }

  return {
    stats,
    async trpc<T>(
      login: string,
      path: string,
      init: { input?: unknown; mutation?: boolean; idempotencyKey?: string } = {},
    ): Promise<Answer<T>> {
      return persist(path, async () => {
        const cookie = await cookieOf(login);
        let res = await http.trpc<T>(path, { ...init, cookie });
        if (res.status === 401) {
          stats.reSignIns += 1;
          res = await http.trpc<T>(path, { ...init, cookie: await cookieOf(login, cookie) });
        }
        if (retriable(res.status)) return undefined;
        if (res.status >= 200 && res.status < 300 && res.data !== undefined) {
          return { ok: true as const, status: res.status, data: res.data };
        }
        return {
          ok: false as const,
          status: res.status,
          ...(res.error ? { error: res.error } : {}),
        };
      });
    },
    async rest<T>(
      method: 'GET' | 'POST',
      path: string,
      init: { apiKey: string; idempotencyKey?: string; body?: unknown },
    ) {
      return persist(`${method} ${path}`, async () => {
        const res = await http.rest<T>(method, path, init);
        return retriable(res.status) ? undefined : { status: res.status, body: res.body };
      });
    },
  };
}

/** The data of a 2xx answer, or an error naming the call and what it answered. */
export function expectOk<T>(answer: Answer<T>, what: string): T {
  if (answer.ok) return answer.data;
  throw new Error(`${what}: ${String(answer.status)} ${JSON.stringify(answer.error)}`);
}
