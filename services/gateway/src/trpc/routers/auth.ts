import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { roleSchema } from '@anbu/contracts';

import type { Session } from '../../auth/sessions.js';
import type { GatewayUser } from '../../auth/users.js';
import type { Context } from '../context.js';
import { clearedSessionCookie, sessionCookie } from '../../auth/cookie.js';
import { fetchMemberships } from '../../auth/memberships.js';
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from '../../auth/password.js';
import {
  createSession,
  deleteSession,
  findMembership,
  switchActiveMembership,
} from '../../auth/sessions.js';
import { findUserById, findUserByLogin } from '../../auth/users.js';
import { declare, declarePublic } from '../access.js';
import { auditRead } from '../audit.js';
import { translateError } from '../errors.js';

const loginInput = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

// One message for an unknown login and a wrong password, so logins cannot be enumerated.
const BAD_CREDENTIALS = 'wrong login or password';

/** What the web app learns about the signed-in user. */
function profile(user: GatewayUser, session: Session) {
  return {
    user,
    role: session.active.role,
    organisationId: session.active.organisationId,
    districtCodes: session.active.districtCodes,
    carrierId: session.active.carrierId ?? null,
    /** Every role the user may switch to. */
    memberships: session.memberships.map((m) => ({
      role: m.role,
      organisationId: m.organisationId,
    })),
    expiresAt: session.expiresAt.toISOString(),
  };
}

async function loadUser(ctx: Context, session: Session): Promise<GatewayUser> {
  const user = await findUserById(ctx.deps.db, session.userId);
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  return user;
}

/** Sign-in, sign-out, who am I, and switching the active role. */
export const authRouter = {
  login: declarePublic('auth.login')
    .input(loginInput)
    .mutation(async ({ ctx, input }) => {
      const { deps, throttle, meta } = ctx;
      const attempt = { login: input.login, ip: meta.ip, now: deps.now() };
      if (await throttle.isLocked(attempt)) {
        // Refuse before checking the password, so a locked account cannot be probed.
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'too many failed sign-ins; try again later',
        });
      }
      const row = await findUserByLogin(deps.db, input.login);
      const ok = row
        ? await verifyPassword({ passwordHash: row.password_hash, password: input.password })
        : await verifyAgainstDummy(input.password);
      if (!row || !ok) {
        await throttle.recordFailure(attempt);
        deps.log.warn({ ip: meta.ip }, 'failed sign-in');
        throw new TRPCError({ code: 'UNAUTHORIZED', message: BAD_CREDENTIALS });
      }
      const memberships = await fetchMemberships({ bus: deps.bus, userId: row.id }).catch(
        (error: unknown) => {
          throw translateError(error);
        },
      );
      const active = memberships[0];
      if (!active) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'you hold no role in any organisation' });
      }
      await throttle.recordSuccess(attempt);
      // A new session for every sign-in; the one this browser had (if any) ends here.
      if (ctx.sessionToken) await deleteSession(deps.db, ctx.sessionToken);
      const { token, session } = await createSession(deps.db, {
        userId: row.id,
        memberships,
        active,
        ip: meta.ip,
        userAgent: meta.userAgent,
        ttlMs: deps.sessionTtlMs,
        now: attempt.now,
      });
      ctx.resHeaders.append(
        'Set-Cookie',
        sessionCookie({ token, secure: deps.cookieSecure, maxAgeMs: deps.sessionTtlMs }),
      );
      deps.log.info({ userId: row.id, role: active.role }, 'signed in');
      return profile({ id: row.id, login: row.login, displayName: row.display_name }, session);
    }),

  logout: declare('auth.logout').mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.deps.db, ctx.sessionToken);
    ctx.resHeaders.append('Set-Cookie', clearedSessionCookie({ secure: ctx.deps.cookieSecure }));
    return { signedOut: true };
  }),

  me: declare('auth.me').query(async ({ ctx }) =>
    profile(await loadUser(ctx, ctx.session), ctx.session),
  ),

  switchRole: declare('auth.switchRole')
    .input(z.object({ role: roleSchema, organisationId: z.uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      const membership = findMembership(ctx.session.memberships, input);
      if (!membership) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `you do not hold the role ${input.role}`,
        });
      }
      // Role changes are recorded in the access log, as the role decides what may be read.
      await auditRead(ctx, {
        action: `auth.switchRole:${membership.role}`,
        subjectType: 'user',
        subjectIds: [ctx.session.userId],
      });
      const session = await switchActiveMembership(ctx.deps.db, {
        session: ctx.session,
        membership,
      });
      return profile(await loadUser(ctx, session), session);
    }),
} satisfies TRPCRouterRecord;
