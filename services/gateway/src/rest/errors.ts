import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { HTTPException } from 'hono/http-exception';

import type { FieldIssue } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import { fieldIssuesOf, translateError } from '../trpc/errors.js';

/** The body of every REST error. */
export interface RestErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fieldErrors?: readonly FieldIssue[];
  };
}

/** Answers a REST error in the one shape partners see. */
export function restError(
  c: Context,
  error: {
    status: ContentfulStatusCode;
    code: string;
    message: string;
    fieldErrors?: readonly FieldIssue[];
  },
): Response {
  const body: RestErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    },
  };
  return c.json(body, error.status);
}

/**
 * The REST API's `onError`: the same translation as tRPC (service codes keep their meaning),
 * then the HTTP status of the tRPC code. Unknown errors become 500 with a log line and a
 * message that reveals nothing.
 */
export function restErrorHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof HTTPException) {
      return restError(c, {
        status: err.status,
        code: 'HTTP_ERROR',
        message: err.message || 'request refused',
      });
    }
    const error = translateError(err);
    // tRPC's codes map to 4xx/5xx statuses, all of which carry a body.
    const status = getHTTPStatusCodeFromError(error) as ContentfulStatusCode;
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      log.error({ err, path: c.req.path }, 'REST request failed');
      return restError(c, { status: 500, code: error.code, message: 'internal server error' });
    }
    const fieldErrors = fieldIssuesOf(error.cause);
    return restError(c, {
      status,
      code: error.code,
      message: error.message,
      ...(fieldErrors ? { fieldErrors } : {}),
    });
  };
}
