import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { roleLinkSchema, roleSchema } from '@anbu/contracts';
import { grantMembership, listMemberships, revokeMembership } from '@anbu/contracts/rpc';
import { idFor } from '@anbu/service-kit';

import type { Context } from '../context.js';
import { describeGrant, describeLink } from '../../admin/role-change.js';
import { deleteSessionsOfUser } from '../../auth/sessions.js';
import {
  createUser,
  disableUser,
  findAdministeredUser,
  listUsers,
  loginSchema,
  newUserSchema,
} from '../../auth/users.js';
import { declare } from '../access.js';
import { auditChange } from '../audit.js';
import { callService } from '../call.js';
import { FieldIssuesError, NOT_FOUND_MESSAGE } from '../errors.js';

function fieldError(code: 'CONFLICT' | 'BAD_REQUEST', path: string, message: string): TRPCError {
  return new TRPCError({
    code,
    message,
    cause: new FieldIssuesError(message, [{ path, message }]),
  });
}

async function requireUser(ctx: Pick<Context, 'deps'>, userId: string) {
  const user = await findAdministeredUser(ctx.deps.db, { id: userId });
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE });
  return user;
}

const PAGE = 100;

/**
 * Accounts and roles: admins create users, grant, change and revoke their roles and disable
 * them; auditors read. Every change writes an audit row saying what it did, and a revoked role
 * or a disabled account ends the user's sessions at once.
 */
export const adminRouter = {
  /** Users in login order with their roles, a page at a time. */
  users: declare('admin.users')
    .input(z.object({ after: loginSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const users = await listUsers(ctx.deps.db, { after: input.after, limit: PAGE });
      const { memberships } =
        users.length > 0
          ? await callService(ctx, listMemberships, { userIds: users.map((u) => u.id) })
          : { memberships: [] };
      return {
        items: users.map((user) => ({
          ...user,
          roles: memberships
            .filter((m) => m.userId === user.id)
            .map(({ role, organisationId, districtCodes, carrierId }) => ({
              role,
              organisationId,
              districtCodes,
              ...(carrierId ? { carrierId } : {}),
            })),
        })),
        nextAfter: users.length === PAGE ? users.at(-1)?.login : undefined,
      };
    }),

  /**
   * Makes an account (no role yet: grant one next). A retried call with the same
   * `Idempotency-Key` answers the account it made; a login already taken is 409 naming `login`.
   */
  createUser: declare('admin.createUser')
    .input(newUserSchema.omit({ id: true }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      if (!actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
      const key = ctx.meta.idempotencyKey;
      const id = idFor({ actor, idempotencyKey: key }, 'gateway.user');
      const retried =
        key === undefined ? undefined : await findAdministeredUser(ctx.deps.db, { id });
      if (retried) return retried;
      if (await findAdministeredUser(ctx.deps.db, { login: input.login })) {
        throw fieldError('CONFLICT', 'login', 'this login is taken');
      }
      const user = await createUser(ctx.deps.db, { ...input, id });
      // Another admin made the same login between the check and the insert.
      if (user.id !== id) throw fieldError('CONFLICT', 'login', 'this login is taken');
      await auditChange(ctx, {
        action: 'admin.createUser',
        userId: id,
        detail: `login ${user.login}`,
      });
      return requireUser(ctx, id);
    }),

  /** Gives a user a role, or changes the districts / carrier of one they hold. */
  grantRole: declare('admin.grantRole')
    .input(roleLinkSchema.extend({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const user = await requireUser(ctx, input.userId);
      if (user.disabled) throw fieldError('BAD_REQUEST', 'userId', 'this account is disabled');
      const result = await callService(ctx, grantMembership, input);
      if (result.change !== 'unchanged') {
        await auditChange(ctx, {
          action: 'admin.grantRole',
          userId: user.id,
          detail: describeGrant(input, result.change, result.before),
        });
        // A narrowed scope must not live on in a session's snapshot of the roles.
        if (result.change === 'changed') await deleteSessionsOfUser(ctx.deps.db, user.id);
      }
      return { change: result.change };
    }),

  /** Takes a role away; the user's sessions end at once. */
  revokeRole: declare('admin.revokeRole')
    .input(z.object({ userId: z.uuid(), organisationId: z.uuid(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await requireUser(ctx, input.userId);
      const { revoked } = await callService(ctx, revokeMembership, input);
      if (revoked) {
        await deleteSessionsOfUser(ctx.deps.db, user.id);
        await auditChange(ctx, {
          action: 'admin.revokeRole',
          userId: user.id,
          detail: `revoked ${describeLink({ ...input, districtCodes: [] })}`,
        });
      }
      return { revoked };
    }),

  /** Disables an account: it can no longer sign in and its sessions end at once. */
  disableUser: declare('admin.disableUser')
    .input(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const user = await requireUser(ctx, input.userId);
      if (ctx.actor?.id === user.id) {
        throw fieldError('BAD_REQUEST', 'userId', 'an admin cannot disable their own account');
      }
      const disabled = await disableUser(ctx.deps.db, { id: user.id, now: ctx.deps.now() });
      await deleteSessionsOfUser(ctx.deps.db, user.id);
      if (disabled) {
        await auditChange(ctx, {
          action: 'admin.disableUser',
          userId: user.id,
          detail: 'disabled',
        });
      }
      return { disabled: true };
    }),
} satisfies TRPCRouterRecord;
