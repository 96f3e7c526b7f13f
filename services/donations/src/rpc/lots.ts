import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { seoulDate } from '@anbu/contracts';
import { lotWrittenOff } from '@anbu/contracts/events';
import { sweepExpiry, writeOffLot } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { DonationsDeps } from './deps.js';
import { isDonationsStaff } from '../domain/access.js';
import { sweepExpiredLots } from '../expiry/sweep-expired-lots.js';
import { lockLot, writeOffUnits } from '../repo/lots.js';

/** Write-offs: the expiry sweep and a counted loss on one lot. */
export function lotRoutes(deps: DonationsDeps): RpcRoute[] {
  const { db, now, wake, log } = deps;
  return [
    handle(sweepExpiry, async (input, { actor }) => {
      if (!isDonationsStaff(actor)) throw new RpcError('FORBIDDEN', 'only staff sweep stock');
      const asOf = input.asOf ?? seoulDate(now());
      const result = await sweepExpiredLots(db, asOf);
      wake();
      log.info(
        { asOf, lots: result.expiredLotIds.length, units: result.unitsWrittenOff },
        'expiry sweep',
      );
      return result;
    }),

    handle(writeOffLot, async (input, { actor }) => {
      if (!isDonationsStaff(actor)) throw new RpcError('FORBIDDEN', 'only staff write stock off');
      const written = await transaction(db, async (trx) => {
        const lot = await lockLot(trx, input.lotId);
        if (!lot) {
          throw new RpcError('NOT_FOUND', `lot ${input.lotId} not found`, {
            issues: [{ path: 'lotId', message: 'not found' }],
          });
        }
        if (input.quantity > lot.quantityAvailable) {
          throw new RpcError('UNPROCESSABLE', `only ${lot.quantityAvailable} units are available`, {
            issues: [{ path: 'quantity', message: `at most ${lot.quantityAvailable}` }],
          });
        }
        const after = await writeOffUnits(trx, {
          id: lot.id,
          quantity: input.quantity,
          emptyStatus: 'written_off',
        });
        // In the same transaction: matching's view stops offering the units once this commits.
        await emit(trx, lotWrittenOff, {
          lotId: lot.id,
          depotId: lot.depotId,
          quantityWrittenOff: input.quantity,
          quantityAvailable: after.quantityAvailable,
          reason: input.reason,
          at: now().toISOString(),
          by: { kind: actor.kind, id: actor.id },
        });
        return after;
      });
      wake();
      log.info({ lotId: written.id, quantity: input.quantity }, 'lot written off');
      return written;
    }),
  ];
}
