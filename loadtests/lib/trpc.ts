import type { RefinedResponse, ResponseType } from 'k6/http';
import http from 'k6/http';

import { BASE_URL } from './env.ts';

/** A signed-in user: the session cookie to send and the address they call from. */
export interface Session {
  readonly login: string;
  readonly cookie: string;
  readonly address: string;
}

/**
 * Signs a user in through tRPC and returns the session cookie (null when refused). Called in
 * `setup()`, once per user: Argon2id is expensive by design, and real users sign in once a day.
 */
export function login(user: { login: string; password: string }, address: string): Session | null {
  const res = http.post(
    `${BASE_URL}/trpc/auth.login`,
    JSON.stringify({ login: user.login, password: user.password }),
    {
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      tags: { name: 'auth.login' },
      // A fresh jar: with the VU's jar, the next sign-in would send this session's cookie, and
      // signing in ends the session a request arrives with.
      jar: new http.CookieJar(),
    },
  );
  const setCookie = res.headers['Set-Cookie'] ?? '';
  const token = /anbu_session=([^;]+)/.exec(setCookie)?.[1];
  return res.status === 200 && token
    ? { login: user.login, cookie: `anbu_session=${token}`, address }
    : null;
}

function headers(session: Session, extra: Record<string, string> = {}) {
  return {
    'content-type': 'application/json',
    cookie: session.cookie,
    'x-forwarded-for': session.address,
    ...extra,
  };
}

/** Sign-ins sent at once by {@link loginAll} (the gateway hashes on its thread pool). */
const LOGIN_BATCH = 8;

/**
 * Signs many users in, {@link LOGIN_BATCH} at a time (`http.batch`), each from its own address;
 * answers a session per user, in order (null where refused). For setup with a thousand carriers.
 */
export function loginAll(
  users: readonly { login: string; password: string }[],
  addressOf: (i: number) => string,
): (Session | null)[] {
  const sessions: (Session | null)[] = [];
  for (let i = 0; i < users.length; i += LOGIN_BATCH) {
    const batch = users
      .slice(i, i + LOGIN_BATCH)
      .map((user, j) => ({ user, address: addressOf(i + j) }));
    const responses = http.batch(
      batch.map(({ user, address }) => ({
        method: 'POST',
        url: `${BASE_URL}/trpc/auth.login`,
        body: JSON.stringify({ login: user.login, password: user.password }),
        params: {
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          tags: { name: 'auth.login' },
          jar: new http.CookieJar(),
        },
      })),
    );
    batch.forEach(({ user, address }, j) => {
      const res = responses[j];
      const token = res && /anbu_session=([^;]+)/.exec(res.headers['Set-Cookie'] ?? '')?.[1];
      sessions.push(
        res?.status === 200 && token
          ? { login: user.login, cookie: `anbu_session=${token}`, address }
          : null,
      );
    });
  }
  return sessions;
}

/** A tRPC mutation (`POST /trpc/<path>` with the input as the body; no transformer). */
export function mutation(
  session: Session,
  call: { path: string; input: unknown; idempotencyKey?: string },
): RefinedResponse<ResponseType> {
  const { path, input } = call;
  const extra: Record<string, string> = call.idempotencyKey
    ? { 'idempotency-key': call.idempotencyKey }
    : {};
  return http.post(`${BASE_URL}/trpc/${path}`, JSON.stringify(input), {
    headers: headers(session, extra),
    tags: { name: path },
  });
}

/** A tRPC query (`GET /trpc/<path>?input=…`). */
export function query(
  session: Session,
  path: string,
  input?: unknown,
): RefinedResponse<ResponseType> {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return http.get(`${BASE_URL}/trpc/${path}${qs}`, {
    headers: headers(session),
    tags: { name: path },
  });
}

/** `result.data` of a tRPC answer, or undefined. */
export function data<T>(res: RefinedResponse<ResponseType>): T | undefined {
  try {
    const body = res.json() as { result?: { data?: T } } | null;
    return body?.result?.data;
  } catch {
    return undefined;
  }
}
