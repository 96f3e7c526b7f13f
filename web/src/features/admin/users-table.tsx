import { useTranslation } from 'react-i18next';

import type { AdminUser, HeldRole } from './use-admin.js';
import { formatDateTime } from '../../lib/format.js';
import { ConfirmButton } from './confirm-button.js';

/** What the table may change; absent for a read-only reader (an auditor). */
export interface UserActions {
  readonly revoke: (user: AdminUser, role: HeldRole) => void;
  readonly disable: (user: AdminUser) => void;
  /** Whether a change is on its way (the buttons wait). */
  readonly busy: boolean;
}

/**
 * The accounts with their roles (each a tag with its organisation and 읍면동) and state. With
 * `actions`, each role has a revoke button and each active account but the reader's own a
 * disable button, both behind a confirm step.
 */
export function UsersTable({
  users,
  selfId,
  districtName,
  organisationName,
  actions,
}: {
  users: readonly AdminUser[];
  selfId: string;
  districtName: (code: string) => string;
  organisationName: (id: string) => string;
  actions?: UserActions | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (users.length === 0) return <p className="muted">{t('admin.users.empty')}</p>;
  return (
    <div className="admin-table__scroll">
      <table className="data-table admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.login')}</th>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.roles')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            {actions && <th scope="col">{t('admin.users.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const role = (held: HeldRole) => t(`roles.${held.role}`);
            return (
              <tr
                key={user.id}
                className={user.disabled ? 'admin-table__row--disabled' : undefined}
              >
                <td>
                  <span className="mono">{user.login}</span>
                  {user.id === selfId && (
                    <span className="tag tag--accent">{t('admin.users.you')}</span>
                  )}
                </td>
                <td>
                  <div>{user.displayName}</div>
                  <div className="muted small">
                    {t('admin.users.createdAt', {
                      date: formatDateTime(user.createdAt, i18n.resolvedLanguage ?? 'ko'),
                    })}
                  </div>
                </td>
                <td>
                  {user.roles.length === 0 ? (
                    <span className="muted">{t('admin.users.noRoles')}</span>
                  ) : (
                    <ul className="role-tags">
                      {user.roles.map((held) => (
                        <li key={`${held.organisationId}:${held.role}`} className="role-tags__item">
                          <span className="tag">{role(held)}</span>
                          <span className="role-tags__scope small">
                            {[
                              organisationName(held.organisationId),
                              ...held.districtCodes.map(districtName),
                            ].join(' · ')}
                          </span>
                          {actions && (
                            <ConfirmButton
                              label={t('admin.revoke.label', { role: role(held) })}
                              question={t('admin.revoke.confirm', {
                                login: user.login,
                                role: role(held),
                              })}
                              disabled={actions.busy}
                              className="button button--small button--quiet"
                              onConfirm={() => actions.revoke(user, held)}
                            />
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <span
                    className={`status-chip admin-status admin-status--${user.disabled ? 'disabled' : 'active'}`}
                  >
                    {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                  </span>
                </td>
                {actions && (
                  <td>
                    {!user.disabled && user.id !== selfId && (
                      <ConfirmButton
                        label={t('admin.disable.label')}
                        question={t('admin.disable.confirm', { login: user.login })}
                        disabled={actions.busy}
                        onConfirm={() => actions.disable(user)}
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
