import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { createI18n } from '../../i18n/index.js';
import { describeLoginError } from './login-error.js';

/** A client error as httpBatchLink builds it from the gateway's error shape. */
function serverError(code: string, fieldErrors: unknown = null) {
  return TRPCClientError.from({
    error: { message: 'x', code: -32600, data: { code, httpStatus: 400, fieldErrors } },
  });
}

describe('describeLoginError', () => {
  it('should name wrong credentials, throttling and an unreachable server', async () => {
    const i18n = await createI18n();
    expect(describeLoginError(serverError('UNAUTHORIZED'), i18n.t).message).toBe(
      '아이디 또는 비밀번호가 올바르지 않습니다.',
    );
    expect(describeLoginError(serverError('TOO_MANY_REQUESTS'), i18n.t).message).toMatch(
      /너무 많습니다/,
    );
    const offline = new TRPCClientError('Failed to fetch', {
      cause: new TypeError('Failed to fetch'),
    });
    expect(describeLoginError(offline, i18n.t).message).toMatch(/연결할 수 없습니다/);
  });

  it('should carry the per-field messages of a rejected input', async () => {
    const i18n = await createI18n({ language: 'en' });
    const view = describeLoginError(
      serverError('BAD_REQUEST', [
        { path: 'login', message: 'Too small: expected string to have >=1 characters' },
        { path: 'login', message: 'second message is dropped' },
        { path: 'password', message: 'Required' },
      ]),
      i18n.t,
    );
    expect(view.message).toBe('Please check the fields below.');
    expect(view.fieldErrors).toEqual({
      login: 'Too small: expected string to have >=1 characters',
      password: 'Required',
    });
  });
});
