import type { TRPCRouterRecord } from '@trpc/server';

import {
  acceptDonation,
  bookPickup,
  getDonation,
  listDonations,
  listLots,
  listPickupSlots,
  postDonation,
  receiveDonation,
  recordPickup,
  rejectDonation,
  writeOffDonation,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { declare } from '../access.js';
import { callService } from '../call.js';
import { assertObjectInScope, denyOutOfScope, loadInScope } from '../object-scope.js';
import { replyFor } from '../reply-fields.js';
import { inScope } from '../scope.js';

/**
 * A donation is checked for scope before anyone acts on it: for a partner, another
 * organisation's donation and a missing id are the same 403 (staff get 404 for a missing id).
 */
function donationInScope(ctx: Context & { scope: Scope }, donationId: string) {
  return loadInScope(
    ctx.scope,
    () => callService(ctx, getDonation, { donationId }),
    (donation) => ({ organisationId: donation.organisationId }),
  );
}

/** Donations: partners post, book pickups for and follow their own; dispatchers work them. */
export const donationsRouter = {
  list: declare('donations.list')
    .input(listDonations.input)
    .query(async ({ ctx, input }) => {
      const { scope } = ctx;
      // A partner lists its own organisation's donations, whatever it asks for.
      const organisationId =
        scope.kind === 'organisation' ? scope.organisationId : input.organisationId;
      const page = await callService(ctx, listDonations, { ...input, organisationId });
      const items = page.items.filter((d) => inScope(scope, { organisationId: d.organisationId }));
      return { ...page, items };
    }),

  get: declare('donations.get')
    .input(getDonation.input)
    .query(({ ctx, input }) => donationInScope(ctx, input.donationId)),

  /**
   * Posted for the caller's organisation (the service takes it from the actor); the reply is
   * checked against the caller's organisation and narrowed to the partner's fields.
   */
  post: declare('donations.post')
    .input(postDonation.input)
    .mutation(async ({ ctx, input }) => {
      const donation = await denyOutOfScope(ctx.scope, () => callService(ctx, postDonation, input));
      assertObjectInScope(ctx.scope, { organisationId: donation.organisationId });
      return replyFor('donations.post', ctx.session.active.role, donation);
    }),

  accept: declare('donations.accept')
    .input(acceptDonation.input)
    .mutation(async ({ ctx, input }) => {
      await donationInScope(ctx, input.donationId);
      return callService(ctx, acceptDonation, input);
    }),

  reject: declare('donations.reject')
    .input(rejectDonation.input)
    .mutation(async ({ ctx, input }) => {
      await donationInScope(ctx, input.donationId);
      return callService(ctx, rejectDonation, input);
    }),

  /** The pickup slots dispatch offers (no recipient data: dates, windows, depots, room left). */
  pickupSlots: declare('donations.pickupSlots')
    .input(listPickupSlots.input)
    .query(({ ctx, input }) => callService(ctx, listPickupSlots, input)),

  bookPickup: declare('donations.bookPickup')
    .input(bookPickup.input)
    .mutation(async ({ ctx, input }) => {
      await donationInScope(ctx, input.donationId);
      return callService(ctx, bookPickup, input);
    }),

  recordPickup: declare('donations.recordPickup')
    .input(recordPickup.input)
    .mutation(({ ctx, input }) => callService(ctx, recordPickup, input)),

  receive: declare('donations.receive')
    .input(receiveDonation.input)
    .mutation(({ ctx, input }) => callService(ctx, receiveDonation, input)),

  writeOff: declare('donations.writeOff')
    .input(writeOffDonation.input)
    .mutation(({ ctx, input }) => callService(ctx, writeOffDonation, input)),

  lots: declare('donations.lots')
    .input(listLots.input)
    .query(({ ctx, input }) => callService(ctx, listLots, input)),
} satisfies TRPCRouterRecord;
