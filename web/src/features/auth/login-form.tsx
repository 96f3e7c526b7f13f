import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { FieldErrors } from '../../lib/field-errors.js';

/** What the user typed. */
export interface Credentials {
  readonly login: string;
  readonly password: string;
}

/**
 * The sign-in form. Checks that both fields are filled, then hands the credentials to
 * `onSubmit`; shows the server's message (`error`) above the fields and its per-field messages
 * (`fieldErrors`) under each field.
 */
export function LoginForm({
  onSubmit,
  pending = false,
  error,
  fieldErrors = {},
}: {
  onSubmit: (credentials: Credentials) => void;
  pending?: boolean;
  error?: string | undefined;
  fieldErrors?: FieldErrors;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<ReadonlySet<keyof Credentials>>(new Set());

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = new Set<keyof Credentials>();
    if (login.trim() === '') empty.add('login');
    if (password === '') empty.add('password');
    setMissing(empty);
    if (empty.size === 0) onSubmit({ login: login.trim(), password });
  };

  const messageFor = (field: keyof Credentials) =>
    missing.has(field) ? t('auth.errors.required') : fieldErrors[field];
  const loginError = messageFor('login');
  const passwordError = messageFor('password');

  return (
    <form className="login-form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
      {error !== undefined && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-login`}>
          {t('auth.login')}
        </label>
        <input
          id={`${id}-login`}
          name="login"
          className="field__input"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          aria-invalid={loginError !== undefined}
          aria-describedby={`${id}-login-hint${loginError === undefined ? '' : ` ${id}-login-error`}`}
        />
        <span id={`${id}-login-hint`} className="field__hint">
          {t('auth.loginHint')}
        </span>
        {loginError !== undefined && (
          <span id={`${id}-login-error`} className="field__error">
            {loginError}
          </span>
        )}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-password`}>
          {t('auth.password')}
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className="field__input"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={passwordError !== undefined}
          aria-describedby={passwordError === undefined ? undefined : `${id}-password-error`}
        />
        {passwordError !== undefined && (
          <span id={`${id}-password-error`} className="field__error">
            {passwordError}
          </span>
        )}
      </div>
      <button
        type="submit"
        className="button button--primary login-form__submit"
        disabled={pending}
      >
        {pending ? t('auth.submitting') : t('auth.submit')}
      </button>
    </form>
  );
}
