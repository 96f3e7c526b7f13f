import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { AccountDraft, AccountField, AccountProblem } from './account-draft.js';
import type { AdminChanges, AdminUser } from './use-admin.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { errorCode } from '../../lib/trpc.js';
import { FormField } from '../households/form-field.js';
import { checkAccount, MIN_PASSWORD_LENGTH, minLength } from './account-draft.js';

const EMPTY: AccountDraft = { login: '', displayName: '', password: '' };
const FIELDS: readonly AccountField[] = ['login', 'displayName', 'password'];

/**
 * The new-account form (`admin.createUser`): each problem is named at its field, ours before
 * sending and the gateway's after (a login already taken shows at the login).
 */
export function CreateUserForm({
  createUser,
  onCreated,
}: {
  createUser: AdminChanges['createUser'];
  onCreated: (user: Pick<AdminUser, 'id' | 'login'>) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AccountDraft>(EMPTY);
  const [checked, setChecked] = useState(false);
  const problems = checked ? checkAccount(draft) : {};
  const server = readFieldErrors(createUser.error);
  const taken = errorCode(createUser.error) === 'CONFLICT';

  const describe = (field: AccountField, problem: AccountProblem | undefined) => {
    if (problem === 'tooShort') return t('admin.errors.tooShort', { min: minLength(field) });
    if (problem === 'required') return t('admin.errors.required');
    if (problem === 'loginFormat') return t('admin.errors.loginFormat');
    if (field === 'login' && taken) return t('admin.errors.loginTaken');
    return t('admin.errors.rejected');
  };
  const message = (field: AccountField) => {
    const problem = problems[field];
    if (problem) return describe(field, problem);
    return field in server ? describe(field, undefined) : undefined;
  };
  const generalFailure =
    createUser.isError && Object.keys(server).length === 0 ? t('admin.errors.failed') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(checkAccount(draft)).length > 0) return;
    createUser.mutate(
      {
        login: draft.login.trim().toLowerCase(),
        displayName: draft.displayName.trim(),
        password: draft.password,
      },
      {
        onSuccess: (user) => {
          setDraft(EMPTY);
          setChecked(false);
          onCreated(user);
        },
      },
    );
  };
  const edit = (change: Partial<AccountDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    // A new value deserves a new answer: the old error would name a value no longer there.
    if (createUser.isError) createUser.reset();
  };

  const hints: Record<AccountField, string | undefined> = {
    login: t('admin.create.loginHint'),
    displayName: undefined,
    password: t('admin.create.passwordHint', { min: MIN_PASSWORD_LENGTH }),
  };
  const labels: Record<AccountField, string> = {
    login: t('admin.create.login'),
    displayName: t('admin.create.displayName'),
    password: t('admin.create.password'),
  };

  return (
    <form className="stack admin-form" noValidate onSubmit={submit}>
      {generalFailure && (
        <p className="alert alert--error" role="alert">
          {generalFailure}
        </p>
      )}
      {FIELDS.map((field) => (
        <FormField
          key={field}
          id={`new-account-${field}`}
          label={labels[field]}
          message={message(field)}
        >
          {(p) => (
            <>
              <input
                id={p.id}
                className="field__input"
                type={field === 'password' ? 'password' : 'text'}
                autoComplete={field === 'password' ? 'new-password' : 'off'}
                value={draft[field]}
                aria-invalid={p.invalid}
                aria-describedby={p.describedBy}
                onChange={(e) => edit({ [field]: e.target.value })}
              />
              {hints[field] && <span className="field__hint">{hints[field]}</span>}
            </>
          )}
        </FormField>
      ))}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={createUser.isPending}>
          {createUser.isPending ? t('admin.create.submitting') : t('admin.create.submit')}
        </button>
      </div>
    </form>
  );
}
