import { transaction } from '@anbu/db';

import type { CareDeps } from '../deps.js';
import type { SweepStep } from './sweeper.js';
import { UNKNOWN_DISTRICT } from '../alerting/district.js';
import { raiseAlert } from '../alerting/raise-alert.js';
import { CLEAR_BY_PHONE_MS, SIGNAL_OBSERVATION } from '../domain/signal-policy.js';
import { districtOf } from '../repo/households.js';
import { claimSilentEpisodes, closeEpisode } from '../repo/signals.js';
import { insertObservations } from '../repo/visits.js';

/**
 * Raises an alert for each episode of misses whose retries ran out without an `ok`: the
 * feed stopped trying, or its last attempts went unanswered.
 */
export function silentSignalStep(
  deps: Pick<CareDeps, 'db' | 'wake' | 'channels' | 'policies'> & { batch: number },
): SweepStep {
  return {
    name: 'silent-signals',
    async run(now) {
      const count = await transaction(deps.db, async (trx) => {
        const due = await claimSilentEpisodes(trx, { now, limit: deps.batch });
        for (const episode of due) {
          const { severity } = deps.policies[episode.source];
          const kind = episode.kind as keyof typeof SIGNAL_OBSERVATION;
          const observationId = crypto.randomUUID();
          await insertObservations(trx, [
            {
              id: observationId,
              householdId: episode.householdId,
              kind: SIGNAL_OBSERVATION[kind],
              severity,
              source: 'check_in_signal',
              observedAt: now.toISOString(),
            },
          ]);
          // The ingest RPC put the household in the directory before opening the episode.
          const districtCode = (await districtOf(trx, episode.householdId)) ?? UNKNOWN_DISTRICT;
          const { alert } = await raiseAlert(trx, {
            decision: {
              severity,
              reason: episode.kind,
              summary: `Check-in: ${episode.kind.replaceAll('_', ' ')} unanswered after ${episode.misses} attempt(s) (${episode.source.replaceAll('_', ' ')})`,
            },
            householdId: episode.householdId,
            districtCode,
            observationIds: [observationId],
            origin: 'signal',
            visitDueAt: new Date(now.getTime() + CLEAR_BY_PHONE_MS[severity]),
            channels: deps.channels,
            now,
          });
          await closeEpisode(trx, { id: episode.id, state: 'alerted', alertId: alert.id });
        }
        return due.length;
      });
      if (count > 0) deps.wake();
      return count;
    },
  };
}
