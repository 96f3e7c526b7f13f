// Seeds the peak data set into a running distributed stack: the demo city through the services'
// own import RPCs on NATS (as the embedded runner does), its users through the gateway's user
// table, and API keys for the partner organisations. Writes the fixtures the k6 scenarios read.
import { writeFile } from 'node:fs/promises';

import type { DemoCity } from '@anbu/demo-city';
import type { GatewayTables } from '@anbu/gateway';
import { createNatsBus } from '@anbu/bus/nats';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk, importDispatchBulk, importDonationsBulk } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createDemoCity, seedPayloads } from '@anbu/demo-city';
import { createApiKey, createUser, GATEWAY_SCHEMA } from '@anbu/gateway';
import { createLogger } from '@anbu/service-kit';

import type { Fixtures } from './fixtures.ts';
import type { RoutesReport } from './routes.ts';
import { seedPlanningDay, seedRoutes } from './routes.ts';

/** Long enough for a batch of 500 households to be encrypted and stored on a busy machine. */
const IMPORT_TIMEOUT_MS = 180_000;

export interface SeedOptions {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** API keys per partner organisation (each key has its own rate-limit budget). */
  readonly keysPerPartner: number;
  readonly householdCount: number;
  readonly seed: string;
  /** Where the fixtures JSON goes. */
  readonly out: string;
  /** Delivery orders to plan and publish for today (0: no routes, no field traffic). */
  readonly routeOrders: number;
  /** Carriers with a shift today, partitioned over the districts (fewer than the city's: its 40). */
  readonly routeCarriers: number;
  /** Solver limit of each district's run of today. */
  readonly routeTimeLimitSeconds: number;
  /** Delivery orders of tomorrow for the peak-planning scenario (0: none). */
  readonly planningOrders: number;
  /** Carriers with a shift on the peak day (0 or fewer than the city's: the city's). */
  readonly planningCarriers: number;
}

function caseworkers(city: DemoCity): Fixtures['caseworkers'] {
  return city.users
    .filter((user) => user.roles.includes('caseworker'))
    .map((user) => ({
      login: user.login,
      password: user.password,
      householdIds: city.households
        // New needs require a live delivery consent (households' consent gate).
        .filter((h) => user.districtCodes.includes(h.districtCode))
        .filter((h) => h.consent?.scopes.includes('delivery') === true)
        .slice(0, 400)
        .map((h) => h.id),
    }))
    .filter((user) => user.householdIds.length > 0);
}

/** Seeds everything and returns the fixtures (also written to `options.out`). */
export async function seedPeak(
  options: SeedOptions,
): Promise<{ fixtures: Fixtures; routes: RoutesReport | undefined }> {
  const log = createLogger({ service: 'loadtest-seed', level: 'warn' });
  const handle = await createDb({ url: options.databaseUrl, log, poolSize: 2 });
  const bus = await createNatsBus({ servers: options.natsUrl, log, name: 'loadtest-seed' });
  try {
    const city = createDemoCity({ seed: options.seed, householdCount: options.householdCount });
    const payloads = seedPayloads(city);
    const call = { actor: SYSTEM_ACTOR, timeoutMs: IMPORT_TIMEOUT_MS };
    await bus.request(importDonationsBulk, payloads.donations, call);
    await bus.request(importDispatchBulk, payloads.dispatch, call);
    let failed = 0;
    for (const batch of payloads.households) {
      const report = await bus.request(importBulk, batch, call);
      failed += report.failed.length;
    }
    if (failed > 0) throw new Error(`${failed} households failed to import`);

    const db = handle.forSchema<GatewayTables>(GATEWAY_SCHEMA);
    for (const user of city.users) {
      await createUser(db, {
        id: user.id,
        login: user.login,
        displayName: user.displayName,
        password: user.password,
      });
    }
    const partnerOrgs = [
      ...new Set(
        city.users.filter((u) => u.roles.includes('partner')).map((u) => u.organisationId),
      ),
    ];
    const apiKeys: { key: string; organisationId: string }[] = [];
    for (const organisationId of partnerOrgs) {
      for (let i = 0; i < options.keysPerPartner; i += 1) {
        const key = await createApiKey(db, { organisationId, name: `loadtest ${i + 1}` });
        apiKeys.push({ key: key.key, organisationId });
      }
    }
    const routes =
      options.routeOrders > 0
        ? await seedRoutes({
            bus,
            db,
            city,
            orders: options.routeOrders,
            carriers: options.routeCarriers,
            timeLimitSeconds: options.routeTimeLimitSeconds,
          })
        : undefined;
    const planning =
      options.planningOrders > 0
        ? await seedPlanningDay({
            bus,
            city,
            orders: options.planningOrders,
            carriers: options.planningCarriers,
          })
        : { date: '', carriers: 0, districts: [] };
    const fixtures: Fixtures = {
      seed: options.seed,
      households: city.households.length,
      apiKeys,
      caseworkers: caseworkers(city),
      dispatcher: userLogin(city, 'dispatcher'),
      carriers: routes?.carriers ?? [],
      stops: routes?.stops ?? [],
      planning,
    };
    await writeFile(options.out, JSON.stringify(fixtures));
    return { fixtures, routes };
  } finally {
    await bus.close();
    await handle.close();
  }
}

function userLogin(city: DemoCity, login: string): { login: string; password: string } {
  const user = city.users.find((u) => u.login === login);
  if (!user) throw new Error(`the demo city has no user ${login}`);
  return { login: user.login, password: user.password };
}
