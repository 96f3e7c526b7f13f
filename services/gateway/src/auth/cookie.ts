import { parse, serialize } from 'hono/utils/cookie';

/**
 * The session cookie's name. With `Secure`, the `__Host-` prefix makes browsers refuse the
 * cookie unless it is Secure, host-only and for `/`, so a subdomain cannot plant one.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-anbu_session' : 'anbu_session';
}

/** The `Set-Cookie` value that stores a session token: httpOnly, SameSite=Lax, Secure if set. */
export function sessionCookie(options: { token: string; secure: boolean; maxAgeMs: number }) {
  return serialize(sessionCookieName(options.secure), options.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    maxAge: Math.floor(options.maxAgeMs / 1000),
  });
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return serialize(sessionCookieName(options.secure), '', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    maxAge: 0,
  });
}

/** The session token in a `Cookie` header, if any. */
export function readSessionToken(options: {
  cookieHeader: string | undefined | null;
  secure: boolean;
}): string | undefined {
  if (!options.cookieHeader) return undefined;
  const name = sessionCookieName(options.secure);
  const value = parse(options.cookieHeader, name)[name];
  return value && value.length <= 100 ? value : undefined;
}
