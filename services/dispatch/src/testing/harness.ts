import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { TestLogger } from '@anbu/db/testing';
import { createMemoryBus } from '@anbu/bus/memory';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { DispatchDatabase } from '../repo/schema.js';
import type { DispatchServiceOptions } from '../service.js';
import { createDispatchService } from '../service.js';

/** A dispatch service on its own database and bus, for tests. */
export interface DispatchHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<DispatchDatabase>;
  readonly log: TestLogger;
}

/** Starts dispatch on PGlite in memory (or PostgreSQL at `url`) and the memory bus (or `bus`). */
export async function startDispatch(
  options: {
    url?: string;
    bus?: Bus;
    instanceId?: string;
    service?: DispatchServiceOptions;
    /** Keep the bus open on dispose (it is shared with other replicas). */
    sharedBus?: boolean;
  } = {},
): Promise<DispatchHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log });
  const running = await startService(createDispatchService(options.service), {
    db: handle,
    bus,
    log,
    outboxPollMs: 50,
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  });
  return {
    bus,
    db: handle.forSchema<DispatchDatabase>('dispatch'),
    log,
    async [Symbol.asyncDispose]() {
      await running.stop();
      if (!options.sharedBus) await bus.close();
      await handle.close();
    },
  };
}

export const FIXTURE = Object.freeze({
  postOfficeId: '11111111-1111-4111-8111-111111111111',
  depotId: '22222222-2222-4222-8222-222222222222',
});

export const dispatcher: Actor = {
  kind: 'user',
  id: '33333333-3333-4333-8333-333333333333',
  role: 'dispatcher',
  organisationId: FIXTURE.postOfficeId,
  districtCodes: [],
};
export const partner: Actor = {
  ...dispatcher,
  id: '44444444-4444-4444-8444-444444444444',
  role: 'partner',
};

/** A postal motorbike carrier input. */
export function carrierInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '박우편',
    kind: 'postal_motorbike' as const,
    capacity: { boxes: 12, kg: 40, chilledBoxes: 0 },
    homeDepotId: FIXTURE.depotId,
    skills: ['welfare_check' as const],
    ...overrides,
  };
}
