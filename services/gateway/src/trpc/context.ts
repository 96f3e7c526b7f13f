import type { Actor } from '@anbu/contracts';

import type { LoginThrottle } from '../auth/login-throttle.js';
import type { Session } from '../auth/sessions.js';
import type { GatewayDeps } from '../deps.js';
import { readSessionToken } from '../auth/cookie.js';
import { findSession, sessionActor } from '../auth/sessions.js';
import { translateError } from './errors.js';

/** Facts about the HTTP request that procedures and the audit log need. */
export interface RequestMeta {
  readonly ip: string;
  readonly userAgent: string;
  /** The `Idempotency-Key` header, passed on to the service of a mutation. */
  readonly idempotencyKey: string | undefined;
}

/** What every procedure receives (a type alias: the tRPC adapter wants a plain record). */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type Context = {
  readonly deps: GatewayDeps;
  readonly throttle: LoginThrottle;
  readonly meta: RequestMeta;
  readonly session: Session | null;
  /** The cookie's token, so that logout can end exactly this session. */
  readonly sessionToken: string | null;
  readonly actor: Actor | null;
  /** Headers added to the response (Set-Cookie). */
  readonly resHeaders: Headers;
};

/**
 * The context without HTTP: tests and {@link createContext} build it from parts.
 * Like tRPC's `createContextInner`.
 */
export function createContextInner(options: {
  deps: GatewayDeps;
  throttle: LoginThrottle;
  meta: RequestMeta;
  session?: Session | null;
  sessionToken?: string | null;
  resHeaders?: Headers;
}): Context {
  const session = options.session ?? null;
  return {
    deps: options.deps,
    throttle: options.throttle,
    meta: options.meta,
    session,
    sessionToken: session ? (options.sessionToken ?? null) : null,
    actor: session ? sessionActor(session) : null,
    resHeaders: options.resHeaders ?? new Headers(),
  };
}

/** The context of one HTTP request: the session from the cookie, when it is live. */
export async function createContext(options: {
  deps: GatewayDeps;
  throttle: LoginThrottle;
  meta: RequestMeta;
  req: Request;
  resHeaders: Headers;
}): Promise<Context> {
  const { deps } = options;
  const token = readSessionToken({
    cookieHeader: options.req.headers.get('cookie'),
    secure: deps.cookieSecure,
  });
  // A database that cannot be reached is a 503 (translated here: tRPC would call it a 500).
  const session = token
    ? await findSession(deps.db, { token, now: deps.now() }).catch((error: unknown) => {
        throw translateError(error);
      })
    : undefined;
  return createContextInner({ ...options, session: session ?? null, sessionToken: token ?? null });
}
