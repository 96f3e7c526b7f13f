/** The gateway's shortest accepted password (`MIN_PASSWORD_LENGTH` in the gateway). */
export const MIN_PASSWORD_LENGTH = 10;

const LOGIN_PATTERN = /^[a-z0-9._@+-]+$/;
const MIN_LOGIN_LENGTH = 3;

/** What the administrator typed into the new-account form. */
export interface AccountDraft {
  readonly login: string;
  readonly displayName: string;
  readonly password: string;
}

/** Why a field of an {@link AccountDraft} cannot be sent yet. */
export type AccountProblem = 'required' | 'tooShort' | 'loginFormat';

/** The field of the form a problem belongs to. */
export type AccountField = keyof AccountDraft;

/**
 * Checks a draft as the gateway would (login: 3+ of `a-z 0-9 . _ @ + -` once lower-cased, a name,
 * a password of {@link MIN_PASSWORD_LENGTH}+ characters), so the common mistakes are named before
 * a round trip. The gateway still decides.
 */
export function checkAccount(draft: AccountDraft): Partial<Record<AccountField, AccountProblem>> {
  const problems: Partial<Record<AccountField, AccountProblem>> = {};
  const login = draft.login.trim().toLowerCase();
  if (login === '') problems.login = 'required';
  else if (!LOGIN_PATTERN.test(login)) problems.login = 'loginFormat';
  else if (login.length < MIN_LOGIN_LENGTH) problems.login = 'tooShort';
  if (draft.displayName.trim() === '') problems.displayName = 'required';
  if (draft.password === '') problems.password = 'required';
  else if (draft.password.length < MIN_PASSWORD_LENGTH) problems.password = 'tooShort';
  return problems;
}

/** The minimum length a `tooShort` problem of `field` refers to. */
export function minLength(field: AccountField): number {
  return field === 'password' ? MIN_PASSWORD_LENGTH : MIN_LOGIN_LENGTH;
}
