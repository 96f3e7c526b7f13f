import { check } from 'k6';
import http from 'k6/http';

import { BASE_URL } from './env.js';

/** Signs a demo user in through tRPC; k6 keeps the session cookie in the VU's jar. */
export function login(options: { login: string; password: string }): boolean {
  const res = http.post(`${BASE_URL}/trpc/auth.login`, JSON.stringify(options), {
    headers: { 'content-type': 'application/json' },
    tags: { name: 'login' },
  });
  return check(res, { 'login answers 200': (r) => r.status === 200 });
}
