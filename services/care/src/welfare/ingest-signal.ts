import type { Transaction } from 'kysely';

import type {
  AlertSeverity,
  CheckInSignal,
  CheckInSignalInput,
  NotificationChannel,
} from '@anbu/contracts';

import type { SignalPolicy } from '../domain/signal-policy.js';
import type { CareDatabase } from '../repo/schema.js';
import { raiseAlert } from '../alerting/raise-alert.js';
import { CLEAR_BY_PHONE_MS, decideSignal, SIGNAL_OBSERVATION } from '../domain/signal-policy.js';
import { cancelPendingVisits } from '../repo/escalations.js';
import { lockHousehold } from '../repo/household-lock.js';
import {
  clearEpisodes,
  closeEpisode,
  countRetry,
  findOpenEpisode,
  findSignal,
  insertSignal,
  openEpisode,
} from '../repo/signals.js';
import { insertObservations } from '../repo/visits.js';

/** What ingesting one signal needs besides the signal. */
export interface IngestContext {
  readonly id: string;
  readonly districtCode: string;
  /** Who sent it: `api_key:<id>` for a feed. */
  readonly sentBy: string;
  readonly policy: SignalPolicy;
  readonly channels: readonly NotificationChannel[];
  readonly now: Date;
}

/**
 * Records a signal and applies its source's retry policy, in the caller's transaction: an
 * `ok` clears the household's open episodes (and the visits its signal alerts would ask for);
 * a miss opens or advances an episode; spent retries or a request for help raise an alert
 * that asks for a visit unless cleared by phone in time. A repeated id returns the stored
 * signal unchanged.
 */
export async function ingestSignalIn(
  trx: Transaction<CareDatabase>,
  input: CheckInSignalInput,
  context: IngestContext,
): Promise<CheckInSignal> {
  await lockHousehold(trx, input.householdId);
  const existing = await findSignal(trx, context.id);
  if (existing) return existing;
  const { now } = context;
  const observedAt = new Date(input.observedAt);
  const episode = await findOpenEpisode(trx, {
    householdId: input.householdId,
    source: input.source,
  });
  const decision = decideSignal({
    policy: context.policy,
    episode,
    signal: { kind: input.kind, observedAt },
  });
  const base = { ...input, id: context.id, receivedAt: now.toISOString() };
  const store = (signal: CheckInSignal, episodeId?: string) =>
    storeSignal(trx, { signal, episodeId, sentBy: context.sentBy });

  switch (decision.action) {
    case 'clear': {
      await clearEpisodes(trx, input.householdId);
      await cancelPendingVisits(trx, input.householdId);
      await observeSignal(trx, input, { signalId: context.id });
      return store({ ...base, state: 'cleared', retries: 0 });
    }
    case 'open': {
      const episodeId = crypto.randomUUID();
      await openEpisode(trx, {
        id: episodeId,
        householdId: input.householdId,
        source: input.source,
        kind: input.kind,
        at: observedAt,
        alertAt: decision.alertAt,
      });
      return store({ ...base, state: 'retrying', retries: 0 }, episodeId);
    }
    case 'retry': {
      const id = episode?.id;
      if (id)
        await countRetry(trx, {
          id,
          misses: decision.misses,
          at: observedAt,
          alertAt: decision.alertAt,
        });
      return store({ ...base, state: 'retrying', retries: decision.misses - 1 }, id);
    }
    case 'duplicate':
      return store(
        { ...base, state: 'recorded', retries: episode ? episode.misses - 1 : 0 },
        episode?.id,
      );
    case 'alert': {
      const observationId = await observeSignal(trx, input, {
        signalId: context.id,
        severity: decision.severity,
      });
      const { alert } = await raiseAlert(trx, {
        decision: {
          severity: decision.severity,
          reason: decision.reason,
          summary: `Check-in: ${input.kind.replaceAll('_', ' ')} (${input.source.replaceAll('_', ' ')})`,
        },
        householdId: input.householdId,
        districtCode: context.districtCode,
        observationIds: [observationId],
        origin: 'signal',
        visitDueAt: new Date(now.getTime() + CLEAR_BY_PHONE_MS[decision.severity]),
        channels: context.channels,
        now,
      });
      const signal = await store(
        { ...base, state: 'alerted', retries: episode?.misses ?? 0, alertId: alert.id },
        episode?.id,
      );
      if (episode) await closeEpisode(trx, { id: episode.id, state: 'alerted', alertId: alert.id });
      return signal;
    }
  }
}

async function storeSignal(
  trx: Transaction<CareDatabase>,
  options: { signal: CheckInSignal; episodeId: string | undefined; sentBy: string },
): Promise<CheckInSignal> {
  const { signal, episodeId, sentBy } = options;
  await insertSignal(trx, { ...signal, episodeId, sentBy });
  return signal;
}

/** Records what a signal says about the household (an `ok`, or the miss that alerted). */
async function observeSignal(
  trx: Transaction<CareDatabase>,
  input: CheckInSignalInput,
  options: { signalId: string; severity?: AlertSeverity },
): Promise<string> {
  const id = crypto.randomUUID();
  await insertObservations(trx, [
    {
      id,
      householdId: input.householdId,
      kind: SIGNAL_OBSERVATION[input.kind],
      ...(options.severity ? { severity: options.severity } : {}),
      source: 'check_in_signal',
      signalId: options.signalId,
      observedAt: input.observedAt,
    },
  ]);
  return id;
}
