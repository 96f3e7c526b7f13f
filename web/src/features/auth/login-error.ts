import type { TFunction } from 'i18next';

import type { FieldErrors } from '../../lib/field-errors.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { errorCode } from '../../lib/trpc.js';

/** What the login screen shows for a failed sign-in. */
export interface LoginErrorView {
  readonly message: string;
  readonly fieldErrors: FieldErrors;
}

/**
 * Turns a failed `auth.login` into words: wrong credentials, throttled, a field the server
 * rejected (its own message under the field), or an unreachable server.
 */
export function describeLoginError(error: unknown, t: TFunction): LoginErrorView {
  const fieldErrors = readFieldErrors(error);
  const code = errorCode(error);
  switch (code) {
    case 'UNAUTHORIZED':
      return { message: t('auth.errors.invalidCredentials'), fieldErrors };
    case 'TOO_MANY_REQUESTS':
      return { message: t('auth.errors.tooManyAttempts'), fieldErrors };
    case 'BAD_REQUEST':
      return {
        message:
          Object.keys(fieldErrors).length > 0
            ? t('auth.errors.fieldsBelow')
            : t('auth.errors.unknown'),
        fieldErrors,
      };
    case undefined:
      // No tRPC error code: the request never got an answer from the gateway.
      return { message: t('auth.errors.unreachable'), fieldErrors };
    default:
      return { message: t('auth.errors.unknown'), fieldErrors };
  }
}
