import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { runAllocation } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { MatchingHarness } from './testing/harness.js';
import { startMatching, testDepot, testProfile } from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

/**
 * Rounds of racing runs: a short subset by default; issue 9's 1,000 trials with
 * `ANBU_FAULT_SCALE=full` (`pnpm test:faults`), or any count with `MATCHING_RACE_ROUNDS`.
 */
const ROUNDS = Number(
  process.env['MATCHING_RACE_ROUNDS'] ?? (process.env['ANBU_FAULT_SCALE'] === 'full' ? 1_000 : 12),
);
const RUNS_PER_ROUND = 4;
const manager = {
  kind: 'user' as const,
  id: 'pm-1',
  role: 'program_manager' as const,
  districtCodes: [],
};

describe.skipIf(!servers)('allocation runs racing on PostgreSQL', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: MatchingHarness;
  const depot = testDepot();

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({ servers: nats.url, log: createTestLogger(), name: 'race' });
    h = await startMatching({ url: postgres.url, bus });
    h.depots.set(depot.id, depot);
    // Three replicas, each with its own pool: runs commit in truly concurrent transactions.
    await h.addInstance();
    await h.addInstance();
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  /** Scarce stock: 3 lots of 4 units for 10 needs of 1-3 units, all of one category. */
  async function seedRound(round: number) {
    await sql`truncate open_needs, stock_lots, unmet_needs, allocations, allocation_runs cascade`.execute(
      h.db,
    );
    const needs = Array.from({ length: 10 }, (_, i) => {
      const profile = testProfile({ districtCode: `D${String(i % 3)}` });
      h.profiles.set(profile.householdId, profile);
      return {
        need_id: randomUUID(),
        household_id: profile.householdId,
        district_code: profile.districtCode,
        category: 'rice_grain',
        quantity: 1 + ((i + round) % 3),
        unit: 'bag',
        storage_class: null,
        deadline: '2099-12-31',
        priority: (i * 7 + round) % 100,
        status: 'open',
        event_id: randomUUID(),
        filed_on: null,
      };
    });
    const lots = Array.from({ length: 3 }, () => ({
      lot_id: randomUUID(),
      depot_id: depot.id,
      category: 'rice_grain',
      unit: 'bag',
      quantity: 4,
      storage_class: 'ambient',
      expires_on: null,
      restrictions: JSON.stringify({ householdTypes: [], districtCodes: [] }),
      status: 'in_stock',
      event_id: randomUUID(),
    }));
    await h.db.insertInto('open_needs').values(needs).execute();
    await h.db.insertInto('stock_lots').values(lots).execute();
  }

  /** Allocations of each lot and need, against what each holds or asks. */
  async function overAllocations() {
    const lots = await sql<{ id: string; quantity: number; ledger: number; given: number }>`
      select l.lot_id as id, l.quantity, l.allocated as ledger, coalesce(sum(a.quantity), 0)::int as given
      from stock_lots l left join allocations a on a.lot_id = l.lot_id
      group by l.lot_id`.execute(h.db);
    const needs = await sql<{ id: string; quantity: number; ledger: number; given: number }>`
      select n.need_id as id, n.quantity, n.allocated as ledger, coalesce(sum(a.quantity), 0)::int as given
      from open_needs n left join allocations a on a.need_id = n.need_id
      group by n.need_id`.execute(h.db);
    return [...lots.rows, ...needs.rows].filter(
      (r) => r.given > r.quantity || r.given !== r.ledger,
    );
  }

  it(
    `should never over-allocate a lot or a need when ${String(RUNS_PER_ROUND)} runs race (${String(ROUNDS)} rounds)`,
    { timeout: Math.max(120_000, ROUNDS * 5_000) },
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await seedRound(round);
        const results = await Promise.allSettled(
          Array.from({ length: RUNS_PER_ROUND }, () =>
            h.bus.request(runAllocation, {}, { actor: manager, timeoutMs: 30_000 }),
          ),
        );
        const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(done).toHaveLength(RUNS_PER_ROUND);
        expect(await overAllocations()).toEqual([]);
        // Stock (12 units) is short of demand (≥ 19): together the runs hand out all of it.
        const units = done.reduce((sum, r) => sum + r.summary.unitsAllocated, 0);
        expect(units).toBe(12);
      }
      // The CHECKs did the work: runs that read the same stock lost at commit and planned again
      // (36 lost races in 12 rounds on a 2-core machine; without the CHECKs lots got 16 of 4).
      const lost = h.log.lines.filter(
        (l) => l.msg === 'allocation run lost a race; planning again',
      );
      console.info(
        `[faults] F8 racing allocators: rounds=${String(ROUNDS)} runs=${String(ROUNDS * RUNS_PER_ROUND)} lost-races=${String(lost.length)} over-allocations=0`,
      );
    },
  );
});
