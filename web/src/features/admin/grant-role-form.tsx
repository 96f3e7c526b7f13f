import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Role } from '@anbu/contracts';
import { ROLES } from '@anbu/contracts';

import type { DistrictShape } from '../../map/city-geography.js';
import type { OrganisationOption } from './organisations.js';
import type { AdminChanges, AdminUser } from './use-admin.js';
import { readFieldErrors } from '../../lib/field-errors.js';
import { FormField } from '../households/form-field.js';

/** What the grant form holds apart from the chosen account. */
interface GrantDraft {
  readonly role: Role;
  readonly organisationId: string;
  readonly districtCodes: readonly string[];
  readonly carrierId: string;
}

/** The district field's message: `districtCodes.2` names the third district picked. */
function districtMessage(server: Readonly<Record<string, string>>): number | undefined {
  const index = Object.keys(server)
    .map((path) => /^districtCodes(?:\.(\d+))?$/.exec(path))
    .find((match) => match !== null);
  if (!index) return undefined;
  return index[1] === undefined ? 0 : Number(index[1]) + 1;
}

/**
 * Grants a role (`admin.grantRole`) to an account: the role, the organisation it acts for, the
 * 읍면동 it covers and, for carriers, the carrier record. The gateway's field errors show at
 * the field they name.
 */
export function GrantRoleForm({
  users,
  userId,
  onUserChange,
  organisations,
  districts,
  grantRole,
  onGranted,
}: {
  users: readonly AdminUser[];
  userId: string;
  onUserChange: (userId: string) => void;
  organisations: readonly OrganisationOption[];
  districts: readonly DistrictShape[];
  grantRole: AdminChanges['grantRole'];
  onGranted: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<GrantDraft>({
    role: 'caseworker',
    organisationId: organisations[0]?.id ?? '',
    districtCodes: [],
    carrierId: '',
  });
  const [missingUser, setMissingUser] = useState(false);
  const server = readFieldErrors(grantRole.error);
  const rejected = t('admin.errors.rejected');
  const districtError = districtMessage(server);
  const edit = (change: Partial<GrantDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    if (grantRole.isError) grantRole.reset();
  };
  const toggle = (code: string) =>
    edit({
      districtCodes: draft.districtCodes.includes(code)
        ? draft.districtCodes.filter((c) => c !== code)
        : [...draft.districtCodes, code],
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const user = users.find((u) => u.id === userId);
    setMissingUser(!user);
    if (!user) return;
    const carrierId = draft.carrierId.trim();
    grantRole.mutate(
      {
        userId: user.id,
        role: draft.role,
        organisationId: draft.organisationId,
        districtCodes: [...draft.districtCodes],
        ...(draft.role === 'carrier' && carrierId !== '' ? { carrierId } : {}),
      },
      {
        onSuccess: ({ change }) =>
          onGranted(
            t(`admin.grant.change.${change}`, {
              login: user.login,
              role: t(`roles.${draft.role}`),
            }),
          ),
      },
    );
  };

  const generalFailure =
    grantRole.isError && Object.keys(server).length === 0 ? t('admin.errors.failed') : undefined;
  const userMessage = missingUser
    ? t('admin.errors.required')
    : 'userId' in server
      ? rejected
      : undefined;

  return (
    <form className="stack admin-form" noValidate onSubmit={submit}>
      {generalFailure && (
        <p className="alert alert--error" role="alert">
          {generalFailure}
        </p>
      )}
      <div className="form-grid">
        <FormField id="grant-user" label={t('admin.grant.user')} message={userMessage}>
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={userId}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => {
                setMissingUser(false);
                if (grantRole.isError) grantRole.reset();
                onUserChange(e.target.value);
              }}
            >
              <option value="">—</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName} ({user.login})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="grant-role"
          label={t('admin.grant.role')}
          message={'role' in server ? rejected : undefined}
        >
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.role}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => {
                const role = ROLES.find((r) => r === e.target.value);
                if (role) edit({ role });
              }}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="grant-organisation"
          label={t('admin.grant.organisation')}
          message={'organisationId' in server ? rejected : undefined}
        >
          {(p) => (
            <select
              id={p.id}
              className="field__input"
              value={draft.organisationId}
              aria-invalid={p.invalid}
              aria-describedby={p.describedBy}
              onChange={(e) => edit({ organisationId: e.target.value })}
            >
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.own
                    ? t('admin.grant.ownOrganisation', { name: organisation.name })
                    : organisation.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {draft.role === 'carrier' && (
          <FormField
            id="grant-carrier"
            label={t('admin.grant.carrierId')}
            message={'carrierId' in server ? rejected : undefined}
          >
            {(p) => (
              <>
                <input
                  id={p.id}
                  className="field__input mono"
                  value={draft.carrierId}
                  aria-invalid={p.invalid}
                  aria-describedby={p.describedBy}
                  onChange={(e) => edit({ carrierId: e.target.value })}
                />
                <span className="field__hint">{t('admin.grant.carrierIdHint')}</span>
              </>
            )}
          </FormField>
        )}
      </div>
      <fieldset
        className="fieldset"
        aria-describedby={districtError === undefined ? undefined : 'grant-districts-error'}
      >
        <legend className="field__label">
          {t('admin.grant.districts')} ·{' '}
          {draft.districtCodes.length === 0
            ? t('admin.grant.noDistrictsPicked')
            : t('admin.grant.districtsPicked', { count: draft.districtCodes.length })}
        </legend>
        <div className="chip-toggles">
          {districts.map((district) => (
            <button
              key={district.code}
              type="button"
              className="chip-toggle"
              aria-pressed={draft.districtCodes.includes(district.code)}
              onClick={() => toggle(district.code)}
            >
              {district.name}
            </button>
          ))}
        </div>
        {districtError !== undefined && (
          <span id="grant-districts-error" className="field__error">
            {districtError === 0 ? rejected : t('admin.errors.district', { n: districtError })}
          </span>
        )}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={grantRole.isPending}>
          {grantRole.isPending ? t('admin.grant.submitting') : t('admin.grant.submit')}
        </button>
      </div>
    </form>
  );
}
