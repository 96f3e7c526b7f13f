import type { TRPCRouterRecord } from '@trpc/server';

import {
  acceptDonation,
  getDonation,
  listDonations,
  postDonation,
  rejectDonation,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { declare } from '../access.js';
import { callService } from '../call.js';
import { assertInScope, inScope } from '../scope.js';

/** A donation is checked for scope before anyone acts on it. */
async function donationInScope(ctx: Context & { scope: Scope }, donationId: string) {
  const donation = await callService(ctx, getDonation, { donationId });
  assertInScope(ctx.scope, { organisationId: donation.organisationId });
  return donation;
}

/** Donations: partners post and follow their own; dispatchers accept or reject. */
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

  /** Posted for the caller's organisation (the service takes it from the actor). */
  post: declare('donations.post')
    .input(postDonation.input)
    .mutation(({ ctx, input }) => callService(ctx, postDonation, input)),

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
} satisfies TRPCRouterRecord;
