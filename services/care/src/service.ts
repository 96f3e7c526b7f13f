import type { SignalSource } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { SignalPolicy } from './domain/signal-policy.js';
import type { Notifier } from './notify/notifier.js';
import type { CareDatabase } from './repo/schema.js';
import { DEFAULT_SIGNAL_POLICIES } from './domain/signal-policy.js';
import { createConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { createLogNotifier } from './notify/log-notifier.js';
import { createRpc } from './rpc/index.js';
import { escalationStep } from './timers/escalate.js';
import { visitRequestStep } from './timers/request-visits.js';
import { sendNotificationsStep } from './timers/send-notifications.js';
import { silentSignalStep } from './timers/silent-signals.js';
import { DEFAULT_SWEEP_MS, startSweeper } from './timers/sweeper.js';

/** Rows each sweep step handles per transaction. */
export const DEFAULT_SWEEP_BATCH = 50;

/** How the care service is set up; every field has a default fit for the embedded mode. */
export interface CareServiceOptions {
  readonly now?: () => Date;
  /** The channel adapters; default: the log. */
  readonly notifiers?: (log: Logger) => readonly Notifier[];
  /** How often deadlines are swept (ms). */
  readonly sweepMs?: number;
  readonly sweepBatch?: number;
  readonly policies?: Readonly<Record<SignalSource, SignalPolicy>>;
  /** The backoff of failed sends. */
  readonly backoff?: { baseMs?: number; maxMs?: number; maxAttempts?: number };
}

/**
 * The care service: visit reports and stop updates turned into observations and alerts,
 * check-in signals under per-source retry policies, escalation of unacknowledged alerts and
 * visit requests for uncleared signal alerts (deadlines in the database, swept by every
 * replica with `SKIP LOCKED`), and notifications through channel adapters with retries.
 * @example
 * await startService(createCareService(), { db, bus, log });
 */
export function createCareService(
  options: CareServiceOptions = {},
): ServiceDefinition<CareDatabase> {
  const now = options.now ?? (() => new Date());
  const batch = options.sweepBatch ?? DEFAULT_SWEEP_BATCH;
  return defineService<CareDatabase>({
    name: 'care',
    migrations,
    start: ({ db, bus, log, outbox }) => {
      const notifiers = options.notifiers?.(log) ?? [createLogNotifier({ log })];
      const deps = {
        db,
        bus,
        log,
        now,
        wake: () => outbox.wake(),
        channels: [...new Set(notifiers.map((n) => n.channel))],
        policies: options.policies ?? DEFAULT_SIGNAL_POLICIES,
      };
      const sweeper = startSweeper({
        steps: [
          escalationStep({ ...deps, batch }),
          silentSignalStep({ ...deps, batch }),
          visitRequestStep({ ...deps, batch }),
          sendNotificationsStep({ db, bus, log, notifiers, batch, backoff: options.backoff }),
        ],
        now,
        log,
        intervalMs: options.sweepMs ?? DEFAULT_SWEEP_MS,
        batch,
      });
      return Promise.resolve({
        routes: createRpc(deps),
        consumers: createConsumers(deps),
        tasks: [sweeper],
      });
    },
  });
}
