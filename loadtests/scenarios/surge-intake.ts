// Surge intake: partner systems post donations through the REST API with idempotency keys (a
// share of them double-submitted, as a retrying client does), and caseworkers file ad-hoc needs
// through tRPC.
import { check } from 'k6';
import http from 'k6/http';
import { Counter } from 'k6/metrics';

import type { Session } from '../lib/trpc.ts';
import { clientAddress, idempotencyKey, roundRobin } from '../lib/clients.ts';
import { BASE_URL, RUN_ID } from '../lib/env.ts';
import { noteFailure } from '../lib/failures.ts';
import { fixtures } from '../lib/fixtures.ts';
import { donation, need } from '../lib/payloads.ts';
import { data, mutation } from '../lib/trpc.ts';

/** Every how many donations one is sent twice with the same key (a client retry). */
const REPLAY_EVERY = 20;

const donationsAccepted = new Counter('donations_accepted');
const needsAccepted = new Counter('needs_accepted');
const replayMismatch = new Counter('replay_mismatch');

/** The tRPC procedure a caseworker files an ad-hoc need with. */
export const FILE_NEED_PROCEDURE = 'households.fileNeed';

function postDonation(key: string, body: string, partner: number) {
  const apiKey = fixtures().apiKeys[partner]?.key ?? '';
  return http.post(`${BASE_URL}/api/v1/donations`, body, {
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey}`,
      'idempotency-key': key,
      // One address per partner system: per-address limits apply per partner.
      'x-forwarded-for': clientAddress(partner),
    },
    tags: { name: 'POST /api/v1/donations' },
  });
}

/** One partner system posting one donation (sometimes twice, as a retry). */
export function surgeDonation(): void {
  const partner = roundRobin(fixtures().apiKeys.length);
  const key = idempotencyKey(RUN_ID);
  const body = JSON.stringify(donation(`loadtest:${RUN_ID}:${key}`, partner));
  const res = postDonation(key, body, partner);
  const id = res.status === 201 ? (res.json('id') as string | undefined) : undefined;
  check(res, {
    'donation 201': (r) => r.status === 201,
    'donation has an id': () => typeof id === 'string',
  });
  if (!id) {
    noteFailure('donation', res);
    return;
  }
  donationsAccepted.add(1);
  console.log(`ACCEPTED donation ${id} ${key}`);
  if (Number(key.split('-').pop()) % REPLAY_EVERY !== 0) return;
  const again = postDonation(key, body, partner);
  const sameId = again.status === 201 && again.json('id') === id;
  if (!sameId) replayMismatch.add(1);
  check(again, { 'replayed donation answers the same donation': () => sameId });
}

/** A caseworker filing an ad-hoc need for a household of their districts. */
export function surgeNeed(sessions: readonly Session[]): void {
  const i = roundRobin(sessions.length);
  const session = sessions[i];
  const caseworker = fixtures().caseworkers.find((c) => c.login === session?.login);
  if (!session || !caseworker) return;
  const households = caseworker.householdIds;
  const householdId = households[roundRobin(households.length)] ?? '';
  const key = idempotencyKey(RUN_ID);
  const res = mutation(session, {
    path: FILE_NEED_PROCEDURE,
    input: need(householdId, `loadtest:${RUN_ID}:${key}`),
    idempotencyKey: key,
  });
  const id = data<{ id?: string }>(res)?.id;
  check(res, {
    'need 200': (r) => r.status === 200,
    'need has an id': () => typeof id === 'string',
  });
  if (!id) {
    noteFailure('need', res);
    return;
  }
  needsAccepted.add(1);
  console.log(`ACCEPTED need ${id} ${key}`);
}

/** Partner portal reads: a partner system lists its recent donations. */
export function portalRead(): void {
  const partner = roundRobin(fixtures().apiKeys.length);
  const apiKey = fixtures().apiKeys[partner]?.key ?? '';
  const res = http.get(`${BASE_URL}/api/v1/donations?limit=20`, {
    headers: { authorization: `Bearer ${apiKey}`, 'x-forwarded-for': clientAddress(partner) },
    tags: { name: 'GET /api/v1/donations' },
  });
  if (!check(res, { 'donation list 200': (r) => r.status === 200 })) noteFailure('portal', res);
}
