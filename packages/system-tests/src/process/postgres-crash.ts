import type { Kysely } from 'kysely';

import type { Donation, Need } from '@anbu/contracts';
import { seoulDate } from '@anbu/contracts';

import type { GatewayClient } from '../harness/gateway-client.js';
import type { DeliveryWorld } from './delivery-world.js';
import type { DonationsTables, HouseholdsTables } from './service-tables.js';
import type { Stack } from './stack.js';
import { killPostgres, restartMissing, startPostgres, waitHealthy } from './faults.js';

/** One mutation the gateway answered with a 2xx: what it created. */
export interface Acknowledged {
  readonly kind: 'need' | 'donation';
  readonly id: string;
}

/** What a PostgreSQL-crash run did and found. */
export interface PostgresCrashOutcome {
  readonly attempted: number;
  readonly acknowledged: readonly Acknowledged[];
  /** Mutations answered with an error or not answered (allowed: the client was told). */
  readonly unanswered: number;
  /** The statuses of those (or the error when there was no answer at all), for the figures. */
  readonly refusals: Readonly<Record<string, number>>;
  readonly kills: number;
  /** Acknowledged mutations missing after the restart (must be none). */
  readonly missing: readonly Acknowledged[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writers post needs (caseworker, tRPC) and donations (partner, REST) through the gateway,
 * once each and without retries, while PostgreSQL is `kill -9`ed `kills` times at random
 * moments of `durationMs` and started again. Every mutation answered 2xx is recorded; after the
 * last restart each must be in its service's tables.
 */
export async function runPostgresCrash(options: {
  stack: Stack;
  http: GatewayClient;
  world: DeliveryWorld;
  caseworkerCookie: string;
  /** A partner API key per writer (each key has its own rate-limit budget). */
  apiKeys: readonly string[];
  households: Kysely<HouseholdsTables>;
  donations: Kysely<DonationsTables>;
  kills: number;
  durationMs: number;
  writers: number;
  random: () => number;
  label: string;
  log?: (line: string) => void;
}): Promise<PostgresCrashOutcome> {
  const { stack, http, world, random, label, log = () => undefined } = options;
  const acknowledged: Acknowledged[] = [];
  let attempted = 0;
  let unanswered = 0;
  const refusals: Record<string, number> = {};
  const refused = (status: number | string) => {
    refusals[String(status)] = (refusals[String(status)] ?? 0) + 1;
    return undefined;
  };
  let stop = false;
  const deadline = seoulDate(new Date(Date.now() + 7 * 86_400_000));

  // Three needs to one donation: the partner's REST budget is per key and per minute.
  const mutate = async (n: number, writer: number): Promise<Acknowledged | undefined> => {
    const key = `${label}:${String(n)}`;
    if (n % 4 !== 3) {
      const res = await http.trpc<Need>('households.fileNeed', {
        cookie: options.caseworkerCookie,
        mutation: true,
        idempotencyKey: key,
        input: {
          householdId: world.householdIds[n % world.householdIds.length],
          category: 'rice_grain',
          quantity: 1,
          unit: 'bag',
          deadline,
          priority: 40,
        },
      });
      return res.status === 200 && res.data
        ? { kind: 'need', id: res.data.id }
        : refused(res.status);
    }
    const res = await http.rest<Donation>('POST', '/donations', {
      apiKey: options.apiKeys[writer % options.apiKeys.length] ?? world.apiKey,
      idempotencyKey: key,
      body: {
        items: [{ category: 'bedding', quantity: 1, unit: 'set', storageClass: 'ambient' }],
        pickup: {
          placeName: 'Rotary hall',
          address: '3 Test-ro',
          location: { lat: 35.95, lng: 126.95 },
          window: {
            start: new Date(Date.now() + 2 * 3_600_000).toISOString(),
            end: new Date(Date.now() + 4 * 3_600_000).toISOString(),
          },
        },
      },
    });
    return res.status >= 200 && res.status < 300
      ? { kind: 'donation', id: res.body.id }
      : refused(res.status);
  };

  let counter = 0;
  const writer = async (index: number) => {
    while (!stop) {
      const n = counter++;
      attempted += 1;
      const done = await mutate(n, index).catch((error: unknown) =>
        refused(error instanceof Error ? `${error.name}: ${error.message.slice(0, 60)}` : 'error'),
      );
      if (done) acknowledged.push(done);
      else {
        unanswered += 1;
        await sleep(100);
      }
    }
  };
  const writing = Promise.all(Array.from({ length: options.writers }, (_, i) => writer(i)));

  const started = Date.now();
  const moments = Array.from({ length: options.kills }, () =>
    Math.floor(options.durationMs * (0.1 + 0.8 * random())),
  ).sort((a, b) => a - b);
  let kills = 0;
  try {
    for (const moment of moments) {
      await sleep(Math.max(0, started + moment - Date.now()));
      const before = new Map((await stack.processes()).map((p) => [p.name, p.pid]));
      const pids = await killPostgres(stack);
      kills += 1;
      log(
        `kill -9 PostgreSQL (${String(pids.length)} processes) after ${String(acknowledged.length)} acknowledged`,
      );
      await sleep(Math.floor(300 + random() * 2_000));
      await startPostgres(stack);
      // A service that gave up on its database while it was gone is started again.
      await restartMissing(stack);
      await waitHealthy(stack);
      const restarted = (await stack.processes())
        .filter((p) => p.name.includes('-') && before.get(p.name) !== p.pid)
        .map((p) => p.name);
      log(
        `PostgreSQL back; ${String(acknowledged.length)} acknowledged so far; ` +
          `services that had exited and were started again: ${restarted.join(', ') || 'none'}`,
      );
    }
    await sleep(Math.max(0, started + options.durationMs - Date.now()));
  } finally {
    stop = true;
    await writing;
  }

  const needIds = acknowledged.filter((a) => a.kind === 'need').map((a) => a.id);
  const donationIds = acknowledged.filter((a) => a.kind === 'donation').map((a) => a.id);
  const present = new Set<string>();
  for (let i = 0; i < needIds.length; i += 1000) {
    const rows = await options.households
      .selectFrom('needs')
      .select('id')
      .where('id', 'in', needIds.slice(i, i + 1000))
      .execute();
    rows.forEach((r) => present.add(r.id));
  }
  for (let i = 0; i < donationIds.length; i += 1000) {
    const rows = await options.donations
      .selectFrom('donations')
      .select('id')
      .where('id', 'in', donationIds.slice(i, i + 1000))
      .execute();
    rows.forEach((r) => present.add(r.id));
  }
  return {
    attempted,
    acknowledged,
    unanswered,
    refusals,
    kills,
    missing: acknowledged.filter((a) => !present.has(a.id)),
  };
}
