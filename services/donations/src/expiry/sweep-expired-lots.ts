import type { Kysely } from 'kysely';

import { emit } from '@anbu/bus/outbox';
import { lotExpired } from '@anbu/contracts/events';
import { transaction } from '@anbu/db';

import type { DonationsDatabase } from '../repo/schema.js';
import { isExpired } from '../domain/expiry.js';
import { lockExpiringLots, setLotStatus, writeOffUnits } from '../repo/lots.js';

/** What one sweep wrote off. */
export interface SweepResult {
  readonly expiredLotIds: string[];
  readonly unitsWrittenOff: number;
}

/**
 * Writes off every lot in stock whose date is before `asOf` (an Asia/Seoul day) and emits
 * `lot.expired` for each, in one transaction. Idempotent: an expired lot is no longer in stock,
 * so a second sweep (or a replica sweeping at the same time, which waits on the row locks and
 * then finds the rows changed) writes off nothing more.
 */
export async function sweepExpiredLots(
  db: Kysely<DonationsDatabase>,
  asOf: string,
): Promise<SweepResult> {
  return transaction(db, async (trx) => {
    const expiredLotIds: string[] = [];
    let unitsWrittenOff = 0;
    for (const lot of await lockExpiringLots(trx, asOf)) {
      if (lot.expiresOn === undefined || !isExpired(lot.expiresOn, asOf)) continue;
      // Allocated units stay with their allocation: matching releases them on `lot.expired`.
      const quantity = lot.quantityAvailable;
      if (quantity > 0) await writeOffUnits(trx, { id: lot.id, quantity, emptyStatus: 'expired' });
      await setLotStatus(trx, { id: lot.id, status: 'expired' });
      await emit(trx, lotExpired, {
        lotId: lot.id,
        depotId: lot.depotId,
        expiresOn: lot.expiresOn,
        quantityWrittenOff: quantity,
      });
      expiredLotIds.push(lot.id);
      unitsWrittenOff += quantity;
    }
    return { expiredLotIds, unitsWrittenOff };
  });
}
