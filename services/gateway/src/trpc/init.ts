import { initTRPC, TRPCError } from '@trpc/server';

import type { Role } from '@anbu/contracts';

import type { Session } from '../auth/sessions.js';
import type { Context } from './context.js';
import { fieldIssuesOf, translateError } from './errors.js';

/** Declared on every procedure: the key of its row in the access table (`ACCESS`). */
export interface ProcedureMeta {
  readonly access: string;
}

// Should be done only once per backend (tRPC).
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Never send stack traces, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // An unexpected error's message may name tables, hosts or data: replace it.
        message: internal ? 'internal server error' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          /** The invalid fields of a rejected input: `[{ path: 'items.0.quantity', message }]`. */
          fieldErrors: fieldIssuesOf(error.cause) ?? null,
        },
      };
    },
  });

/** Builds a router from procedures and sub-routers (used once, in root.ts). */
export const router = t.router;
/** Makes an in-process caller of a router for a given context. */
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure starts here: an error a procedure lets through (a database that cannot be
 * reached, most often) is translated once, so that "down, retry" is a 503 and never a 500.
 */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw translateError(result.error);
  return result;
});

/** Anyone may call it (login, the health summary). */
export const publicProcedure = baseProcedure;

/** Needs a live session; 401 without one. `ctx.actor` and `ctx.session` are then set. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.session || !ctx.actor) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  }
  return next({ ctx: { session: ctx.session, actor: ctx.actor } });
});

/**
 * Needs a session whose active role is one of `roles`: 401 without a session, 403 for any other
 * role; then `extend` adds what it derives from the session (access.ts: the scope) to the
 * context. One middleware, as every protected call passes here (each tRPC middleware level
 * copies the context).
 * Procedures do not call this directly: they go through `declare()` in access.ts, which reads
 * the roles from the access table.
 */
export function roleProcedure<Extra extends object>(
  roles: readonly Role[],
  extend: (session: Session, ctx: Context) => Extra,
) {
  return baseProcedure.use(({ ctx, next }) => {
    const { session, actor } = ctx;
    if (!session || !actor) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    }
    if (!roles.includes(session.active.role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `the role ${session.active.role} may not do this`,
      });
    }
    return next({ ctx: { session, actor, ...extend(session, ctx) } });
  });
}
