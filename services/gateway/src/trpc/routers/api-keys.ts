import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { signalSourceSchema } from '@anbu/contracts';

import type { Scope } from '../scope.js';
import {
  apiKeyOrganisation,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../auth/api-keys.js';
import { declare } from '../access.js';
import { FieldIssuesError, NOT_FOUND_MESSAGE } from '../errors.js';
import { assertInScope } from '../scope.js';

/** The organisation a caller may manage keys of: their own, or (admins) the one they name. */
function targetOrganisation(scope: Scope, requested: string | undefined): string | undefined {
  return scope.kind === 'organisation' ? scope.organisationId : requested;
}

/** API keys of partner systems: partners manage their organisation's, admins everyone's. */
export const apiKeysRouter = {
  list: declare('apiKeys.list')
    .input(z.object({ organisationId: z.uuid().optional() }))
    .query(({ ctx, input }) =>
      listApiKeys(ctx.deps.db, {
        organisationId: targetOrganisation(ctx.scope, input.organisationId),
      }),
    ),

  /** Issues a key; the secret is in this answer only, never again. */
  create: declare('apiKeys.create')
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        organisationId: z.uuid().optional(),
        /** Issues a check-in feed's key: it posts signals of this source only. */
        signalSource: signalSourceSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const organisationId = targetOrganisation(ctx.scope, input.organisationId);
      if (!organisationId) {
        // Only admins (scope all) get here: they must say whose key it is.
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'name the organisation',
          cause: new FieldIssuesError('name the organisation', [
            { path: 'organisationId', message: 'required' },
          ]),
        });
      }
      const created = await createApiKey(ctx.deps.db, {
        organisationId,
        name: input.name,
        signalSource: input.signalSource,
      });
      ctx.deps.log.info({ apiKeyId: created.id, organisationId }, 'API key issued');
      return created;
    }),

  revoke: declare('apiKeys.revoke')
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const organisationId = await apiKeyOrganisation(ctx.deps.db, input.id);
      if (!organisationId) throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE });
      assertInScope(ctx.scope, { organisationId });
      await revokeApiKey(ctx.deps.db, { id: input.id, now: ctx.deps.now() });
      ctx.deps.log.info({ apiKeyId: input.id }, 'API key revoked');
      return { revoked: true };
    }),
} satisfies TRPCRouterRecord;
