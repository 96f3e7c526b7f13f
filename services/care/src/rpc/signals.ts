import type { RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { ingestSignal } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { CareDeps } from '../deps.js';
import { resolveDistrict } from '../alerting/district.js';
import { ingestSignalIn } from '../welfare/ingest-signal.js';

/** Feeds (API keys), services, the system, and admins may send signals; people otherwise not. */
function maySendSignals(actor: Actor): boolean {
  return actor.kind !== 'user' || actor.role === 'admin';
}

/**
 * `signal.ingest`: a check-in signal from a feed (AI calls, phone inactivity, smart plugs,
 * sensors). Idempotent by the caller's `Idempotency-Key`; the source's retry policy decides
 * whether it clears, waits for retries, or alerts.
 */
export function signalRoutes(deps: CareDeps): RpcRoute[] {
  return [
    handle(ingestSignal, async (input, context) => {
      if (!maySendSignals(context.actor)) {
        throw new RpcError('FORBIDDEN', 'only check-in feeds send signals');
      }
      const districtCode = await resolveDistrict(deps, input.householdId);
      if (!districtCode) {
        throw new RpcError('NOT_FOUND', `household ${input.householdId} not found`, {
          issues: [{ path: 'householdId', message: 'not found' }],
        });
      }
      const signal = await transaction(deps.db, (trx) =>
        ingestSignalIn(trx, input, {
          id: idFor(context, 'signal'),
          districtCode,
          sentBy: `${context.actor.kind}:${context.actor.id}`,
          policy: deps.policies[input.source],
          channels: deps.channels,
          now: deps.now(),
        }),
      );
      deps.wake();
      return signal;
    }),
  ];
}
