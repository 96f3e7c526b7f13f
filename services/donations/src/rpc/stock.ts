import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { importDonationsBulk, listDepots, listLots, stockSummary } from '@anbu/contracts/rpc';

import type { DonationsDeps } from './deps.js';
import { insertDepot, listDepotRows } from '../repo/depots.js';
import { listLotRows, stockRows } from '../repo/lots.js';

/** Depots, lots and stock totals. */
export function stockRoutes(deps: DonationsDeps): RpcRoute[] {
  const { db } = deps;
  return [
    handle(listDepots, async (input) => ({
      items: await listDepotRows(db, { organisationId: input.organisationId }),
    })),

    handle(listLots, async (input) =>
      listLotRows(db, {
        depotId: input.depotId,
        categories: input.categories,
        storageClasses: input.storageClasses,
        statuses: input.statuses,
        expiresBefore: input.expiresBefore,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

    handle(stockSummary, async (input) => ({
      rows: await stockRows(db, { depotId: input.depotId }),
    })),

    handle(importDonationsBulk, async (input, { actor }) => {
      if (actor.kind === 'user' && actor.role !== 'admin')
        throw new RpcError('FORBIDDEN', 'only admins (or the system) import');
      let created = 0;
      for (const depot of input.depots) if (await insertDepot(db, depot)) created++;
      return { created, existing: input.depots.length - created };
    }),
  ];
}
