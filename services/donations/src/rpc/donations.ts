import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';

import type { RpcRoute } from '@anbu/bus';
import type { Actor, ActorRef, Donation, DonationStatus } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { canTransitionDonation } from '@anbu/contracts';
import {
  donationAccepted,
  donationPickedUp,
  donationReceived,
  donationRejected,
  donationWrittenOff,
  lotReceived,
} from '@anbu/contracts/events';
import {
  acceptDonation,
  getDonation,
  listDonations,
  postDonation,
  receiveDonation,
  recordPickup,
  rejectDonation,
  writeOffDonation,
} from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { DonationsDatabase } from '../repo/schema.js';
import type { DonationsDeps } from './deps.js';
import { canPostDonation, donationScope, isDonationsStaff } from '../domain/access.js';
import { planLots } from '../domain/receive.js';
import { findDepot } from '../repo/depots.js';
import { findDonation, listDonationRows, setDonationStatus } from '../repo/donations.js';
import { insertLot } from '../repo/lots.js';
import { postOfferedDonation } from '../repo/post-donation.js';

const refOf = (actor: Actor): ActorRef => ({ kind: actor.kind, id: actor.id });

function requireStaff(actor: Actor): void {
  if (!isDonationsStaff(actor))
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not work donations`);
}

/** Post, follow and work donations through their statuses. */
export function donationRoutes(deps: DonationsDeps): RpcRoute[] {
  const { db, now, wake, log } = deps;

  /** Loads a donation the actor may see; another organisation's looks like a missing one. */
  const visibleDonation = async (
    trx: Transaction<DonationsDatabase> | typeof db,
    options: { id: string; actor: Actor; forUpdate?: boolean },
  ): Promise<Donation> => {
    const donation = await findDonation(trx, options.id, { forUpdate: options.forUpdate ?? false });
    const scope = donationScope(options.actor, undefined);
    if (!donation || (scope !== undefined && donation.organisationId !== scope)) {
      throw new RpcError('NOT_FOUND', `donation ${options.id} not found`, {
        issues: [{ path: 'donationId', message: 'not found' }],
      });
    }
    return donation;
  };

  /** Moves a donation to `to` in one transaction, with its history entry and event. */
  const transition = async (options: {
    id: string;
    actor: Actor;
    to: DonationStatus;
    note?: string | undefined;
    extra?: (trx: Transaction<DonationsDatabase>, donation: Donation, at: Date) => Promise<void>;
    change?: { depotId?: string; rejectedReason?: string };
  }): Promise<Donation> => {
    const result = await transaction(db, async (trx) => {
      const donation = await visibleDonation(trx, {
        id: options.id,
        actor: options.actor,
        forUpdate: true,
      });
      if (!canTransitionDonation(donation.status, options.to)) {
        throw new RpcError(
          'CONFLICT',
          `a donation ${donation.status} cannot become ${options.to}`,
          {
            issues: [{ path: 'donationId', message: `status is ${donation.status}` }],
          },
        );
      }
      const at = now();
      await options.extra?.(trx, donation, at);
      await setDonationStatus(trx, {
        id: donation.id,
        status: options.to,
        at,
        by: refOf(options.actor),
        note: options.note,
        ...options.change,
      });
      const data = {
        donationId: donation.id,
        organisationId: donation.organisationId,
        at: at.toISOString(),
        by: refOf(options.actor),
      };
      switch (options.to) {
        case 'accepted':
          await emit(trx, donationAccepted, data);
          break;
        case 'rejected':
          await emit(trx, donationRejected, data);
          break;
        case 'picked_up':
          await emit(trx, donationPickedUp, data);
          break;
        case 'written_off':
          await emit(trx, donationWrittenOff, data);
          break;
        default:
          // `received` emits its own richer event from `extra`.
          break;
      }
      const updated = await findDonation(trx, donation.id);
      if (!updated) throw new RpcError('INTERNAL', 'donation vanished during its transition');
      return updated;
    });
    wake();
    return result;
  };

  return [
    handle(postDonation, async (input, { actor, idempotencyKey }) => {
      if (!canPostDonation(actor) || actor.organisationId === undefined) {
        throw new RpcError(
          'FORBIDDEN',
          'only partners (or admins) of an organisation post donations',
        );
      }
      const organisationId = actor.organisationId;
      // The same idempotency key from the same caller is the same donation (a double submit).
      const id = idFor({ actor, idempotencyKey }, 'donation.post');
      // One statement: the donation, its history and its donation.offered outbox row.
      const posted = await postOfferedDonation(db, {
        id,
        organisationId,
        input,
        by: refOf(actor),
        at: now(),
      });
      if (!posted) return visibleDonation(db, { id, actor });
      wake();
      log.info({ donationId: id, organisationId }, 'donation posted');
      return posted;
    }),

    handle(getDonation, async (input, { actor }) =>
      visibleDonation(db, { id: input.donationId, actor }),
    ),

    handle(listDonations, async (input, { actor }) =>
      listDonationRows(db, {
        organisationId: donationScope(actor, input.organisationId),
        statuses: input.statuses,
        postedFrom: input.postedFrom,
        postedTo: input.postedTo,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

    handle(acceptDonation, async (input, { actor }) => {
      requireStaff(actor);
      return transition({ id: input.donationId, actor, to: 'accepted', note: input.note });
    }),

    handle(rejectDonation, async (input, { actor }) => {
      requireStaff(actor);
      return transition({
        id: input.donationId,
        actor,
        to: 'rejected',
        note: input.reason,
        change: { rejectedReason: input.reason },
      });
    }),

    handle(recordPickup, async (input, { actor }) => {
      requireStaff(actor);
      return transition({ id: input.donationId, actor, to: 'picked_up', note: input.note });
    }),

    handle(writeOffDonation, async (input, { actor }) => {
      requireStaff(actor);
      return transition({ id: input.donationId, actor, to: 'written_off', note: input.reason });
    }),

    handle(receiveDonation, async (input, { actor }) => {
      requireStaff(actor);
      const depot = await findDepot(db, input.depotId);
      if (!depot) {
        throw new RpcError('NOT_FOUND', `depot ${input.depotId} not found`, {
          issues: [{ path: 'depotId', message: 'not found' }],
        });
      }
      const lots: Awaited<ReturnType<typeof insertLot>>[] = [];
      const donation = await transition({
        id: input.donationId,
        actor,
        to: 'received',
        note: input.note,
        change: { depotId: depot.id },
        extra: async (trx, current, at) => {
          const plan = planLots({ items: current.items, received: input.received });
          if (!plan.ok) {
            const { field, message } = plan.refusal;
            throw new RpcError('BAD_REQUEST', `${field}: ${message}`, {
              issues: [{ path: field, message }],
            });
          }
          const unstorable = plan.lots.find(
            (lot) => !depot.storageClasses.includes(lot.item.storageClass),
          );
          if (unstorable) {
            throw new RpcError(
              'UNPROCESSABLE',
              `depot cannot store ${unstorable.item.storageClass} goods`,
              {
                issues: [
                  { path: 'depotId', message: `no ${unstorable.item.storageClass} storage` },
                ],
              },
            );
          }
          for (const planned of plan.lots) {
            const lot = await insertLot(trx, {
              id: randomUUID(),
              depotId: depot.id,
              donationId: current.id,
              organisationId: current.organisationId,
              category: planned.item.category,
              description: planned.item.description,
              unit: planned.item.unit,
              storageClass: planned.item.storageClass,
              expiresOn: planned.item.expiresOn,
              restrictions: current.restrictions,
              quantityReceived: planned.quantity,
              receivedAt: at,
            });
            lots.push(lot);
            await emit(trx, lotReceived, {
              lotId: lot.id,
              depotId: lot.depotId,
              donationId: current.id,
              category: lot.category,
              unit: lot.unit,
              quantity: lot.quantityReceived,
              storageClass: lot.storageClass,
              expiresOn: lot.expiresOn,
              restrictions: lot.restrictions,
              organisationId: current.organisationId,
            });
          }
          await emit(trx, donationReceived, {
            donationId: current.id,
            organisationId: current.organisationId,
            at: at.toISOString(),
            by: refOf(actor),
            depotId: depot.id,
            lotIds: lots.map((lot) => lot.id),
          });
        },
      });
      return { donation, lots };
    }),
  ];
}
