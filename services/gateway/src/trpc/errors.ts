import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

import type { FieldIssue, RpcErrorCode } from '@anbu/contracts';
import { RpcNoRespondersError, RpcRemoteError, RpcTimeoutError } from '@anbu/bus';
import { toFieldIssues } from '@anbu/contracts';
import { isDatabaseUnavailable } from '@anbu/db';

/** Each RPC error code of a service, as a tRPC code (and through it an HTTP status). */
export const RPC_TO_TRPC_CODE: Readonly<Record<RpcErrorCode, TRPC_ERROR_CODE_KEY>> = Object.freeze({
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNPROCESSABLE: 'UNPROCESSABLE_CONTENT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  TIMEOUT: 'GATEWAY_TIMEOUT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
});

/** The message of a 503 while the gateway's own database cannot be reached. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is unavailable; try again shortly';

/** Seconds a client should wait before retrying a 503 (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

/** The one message of every 404, whatever the service said. */
export const NOT_FOUND_MESSAGE = 'not found';

/** The field errors carried by a rejected input, kept as the `cause` of a {@link TRPCError}. */
export class FieldIssuesError extends Error {
  readonly issues: readonly FieldIssue[];

  constructor(message: string, issues: readonly FieldIssue[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'FieldIssuesError';
    this.issues = issues;
  }
}

/** The field errors behind an error, if it carries any (a zod error or a service's reply). */
export function fieldIssuesOf(cause: unknown): readonly FieldIssue[] | undefined {
  if (cause instanceof ZodError) return toFieldIssues(cause);
  if (cause instanceof FieldIssuesError) return cause.issues;
  return undefined;
}

/**
 * Translates an error from a bus call to the {@link TRPCError} the caller sees: a service's
 * answer keeps its code, message and field issues; a timeout becomes 504 and a service with no
 * running replica 503, and so does the gateway's own database when it cannot be reached (a
 * service whose database is down answers `UNAVAILABLE` itself). Anything else becomes a plain
 * 500 whose message the error formatter replaces (the cause is logged, never sent).
 */
export function translateError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps what a procedure throws in an INTERNAL_SERVER_ERROR: look at what it wraps.
    if (error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(error.cause)) {
      return databaseUnavailable(error.cause);
    }
    return error;
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  if (error instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: 'invalid input', cause: error });
  }
  if (error instanceof RpcTimeoutError) {
    return new TRPCError({
      code: 'GATEWAY_TIMEOUT',
      message: 'a service did not answer in time',
      cause: error,
    });
  }
  if (error instanceof RpcNoRespondersError) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'a service is not running',
      cause: error,
    });
  }
  if (error instanceof RpcRemoteError && error.code !== 'INTERNAL') {
    // NOT_FOUND always reads the same, so that "not yours" (refused by a scope check) and
    // "does not exist" cannot be told apart. Other messages lose the bus's subject prefix.
    const message =
      error.code === 'NOT_FOUND'
        ? NOT_FOUND_MESSAGE
        : error.message.replace(`${error.subject}: ${error.code}: `, '');
    return new TRPCError({
      code: RPC_TO_TRPC_CODE[error.code],
      message,
      cause:
        error.issues.length > 0
          ? new FieldIssuesError(message, error.issues, { cause: error })
          : error,
    });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
}

function databaseUnavailable(cause: unknown): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: DATABASE_UNAVAILABLE_MESSAGE,
    cause,
  });
}
