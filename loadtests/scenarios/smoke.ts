// A short run against a started gateway: health of every service, sign-in, and who am I.
// k6 ≥ 0.57 runs TypeScript directly:  k6 run -e ANBU_PASSWORD=… loadtests/scenarios/smoke.ts
import type { Options } from 'k6/options';
import { check, sleep } from 'k6';
import http from 'k6/http';

import { login } from '../lib/auth.js';
import { BASE_URL, LOGIN, PASSWORD } from '../lib/env.js';
import { SMOKE_THRESHOLDS } from '../thresholds.js';

export const options: Options = {
  scenarios: {
    smoke: {
      executor: 'constant-arrival-rate',
      rate: 5,
      timeUnit: '1s',
      duration: '30s',
      preAllocatedVUs: 5,
    },
  },
  thresholds: SMOKE_THRESHOLDS,
};

export default function smoke(): void {
  const health = http.get(`${BASE_URL}/healthz`, { tags: { name: 'healthz' } });
  check(health, { 'healthz 200': (r) => r.status === 200 });
  if (PASSWORD !== '' && login({ login: LOGIN, password: PASSWORD })) {
    const me = http.get(`${BASE_URL}/trpc/auth.me`, { tags: { name: 'me' } });
    check(me, { 'me 200': (r) => r.status === 200 });
  }
  sleep(0.1);
}
