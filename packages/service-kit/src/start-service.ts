import { hostname } from 'node:os';
import { sql } from 'kysely';

import type { Bus, Consumer, Server } from '@anbu/bus';
import type { Health } from '@anbu/contracts';
import type { DbHandle, Logger } from '@anbu/db';
import { handle } from '@anbu/bus';
import { createOutboxRelay, outboxMigrations } from '@anbu/bus/outbox';
import { healthRpc } from '@anbu/contracts';
import { migrateToLatest } from '@anbu/db';

import type { ServiceDefinition, ServiceRuntime } from './define-service.js';
import { answerUnavailableWhenDatabaseDown } from './database-unavailable.js';
import { ServiceStartError } from './errors.js';

export interface StartServiceOptions {
  /** The open database; the service gets a Kysely bound to the schema named after it. */
  readonly db: DbHandle;
  readonly bus: Bus;
  readonly log: Logger;
  /** Defaults to `<hostname>-<pid>`. */
  readonly instanceId?: string;
  /** Outbox poll interval (ms). */
  readonly outboxPollMs?: number;
}

/** A started service. */
export interface RunningService {
  readonly name: string;
  readonly instanceId: string;
  /**
   * Drains: stops serving and consuming new work, waits for in-flight handlers, stops the
   * background tasks, publishes what the outbox still holds, then stops the relay. Closes
   * neither the bus nor the database (the caller owns them).
   */
  stop(): Promise<void>;
}

const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/**
 * Starts a service: migrates its schema, starts its outbox relay, calls its `start`, serves
 * its RPCs and `health`, and starts its consumers. Throws {@link ServiceStartError}.
 * @example
 * const running = await startService(households, { db, bus, log });
 * process.on('SIGTERM', () => void running.stop());
 */
export async function startService<DB>(
  definition: ServiceDefinition<DB>,
  options: StartServiceOptions,
): Promise<RunningService> {
  const { name } = definition;
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}`;
  const log = serviceLog(options.log, name, instanceId);
  const db = options.db.forSchema<DB>(name);
  const migrations = { ...outboxMigrations, ...definition.migrations };
  const { error } = await migrateToLatest({ db, schema: name, migrations, log });
  if (error) throw new ServiceStartError(name, 'migrations failed', { cause: error });

  const outbox = createOutboxRelay({
    db,
    bus: options.bus,
    schema: name,
    log,
    pollMs: options.outboxPollMs,
  });
  outbox.start();
  let runtime: ServiceRuntime;
  try {
    runtime = await definition.start({ db, bus: options.bus, log, instanceId, outbox });
  } catch (cause) {
    await outbox.stop();
    throw new ServiceStartError(name, 'start failed', { cause });
  }

  const startedAt = Date.now();
  const health = handle(healthRpc[name], async (): Promise<Health> => {
    const checks: Record<string, 'ok' | 'failing'> = {
      db: await check(() => sql`select 1`.execute(db).then(() => true), log),
    };
    for (const [checkName, probe] of Object.entries(runtime.checks ?? {})) {
      checks[checkName] = await check(probe, log);
    }
    const ok = Object.values(checks).every((state) => state === 'ok');
    return {
      service: name,
      status: ok ? 'ok' : 'degraded',
      instanceId,
      version: definition.version ?? '0.0.0',
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      checks,
    };
  });

  let server: Server | undefined;
  const consumers: Consumer[] = [];
  const stopWork = async () => {
    await Promise.allSettled([server?.stop(), ...consumers.map((c) => c.stop())]);
    await Promise.allSettled((runtime.tasks ?? []).map((task) => task.stop()));
    // Flush what in-flight handlers enqueued before the relay goes away.
    await outbox.stop();
    await outbox.tick();
  };
  try {
    server = await options.bus.serve([
      health,
      ...(runtime.routes ?? []).map(answerUnavailableWhenDatabaseDown),
    ]);
    for (const consume of runtime.consumers ?? []) {
      consumers.push(await options.bus.consume(consume));
    }
  } catch (cause) {
    await stopWork();
    throw new ServiceStartError(name, 'serving failed', { cause });
  }
  log.info(
    { routes: (runtime.routes ?? []).length + 1, consumers: consumers.length },
    'service started',
  );

  let stopping: Promise<void> | undefined;
  return {
    name,
    instanceId,
    stop: () => {
      stopping ??= stopWork().then(() => log.info({}, 'service stopped'));
      return stopping;
    },
  };
}

async function check(probe: () => Promise<boolean>, log: Logger): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([probe(), timeout])) ? 'ok' : 'failing';
  } catch (error) {
    log.warn({ err: error }, 'health check failed');
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The parent logger with this service's `service` and `instanceId`, bound only where the parent
 * does not carry them already (a standalone process's logger does: pino would repeat the keys).
 */
function serviceLog(parent: Logger, name: string, instanceId: string): Logger {
  const bound = parent.bindings?.() ?? {};
  const missing: Record<string, string> = {};
  if (bound['service'] !== name) missing['service'] = name;
  if (bound['instanceId'] === undefined) missing['instanceId'] = instanceId;
  return Object.keys(missing).length > 0 ? parent.child(missing) : parent;
}
