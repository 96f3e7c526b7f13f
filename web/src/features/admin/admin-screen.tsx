import './admin.css';

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import type { AdminUser, HeldRole } from './use-admin.js';
import type { UserActions } from './users-table.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { useDistrictNames } from '../../map/use-district-names.js';
import { CreateUserForm } from './create-user-form.js';
import { GrantRoleForm } from './grant-role-form.js';
import { organisationNamer, organisationOptions } from './organisations.js';
import { useAdminChanges, useAdminUsers } from './use-admin.js';
import { UsersTable } from './users-table.js';

/**
 * Accounts and roles: administrators create accounts, grant and revoke roles and disable
 * accounts; auditors see the same table without a button.
 */
export function AdminScreen({ me }: { me: Pick<Me, 'role' | 'organisationId' | 'user'> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const canChange = me.role === 'admin';
  const list = useAdminUsers();
  const changes = useAdminChanges();
  const districtName = useDistrictNames();
  const [chosenUserId, setChosenUserId] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string }>();

  const users = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const organisations = useMemo(
    () => organisationOptions({ ownId: me.organisationId, users, language }),
    [me.organisationId, users, language],
  );
  const districts = useMemo(
    () =>
      [...demoCityGeography(language).districts].sort((a, b) =>
        a.name.localeCompare(b.name, language),
      ),
    [language],
  );

  const failed = () => setNotice({ tone: 'error', text: t('admin.errors.failed') });
  const actions: UserActions = {
    busy: changes.revokeRole.isPending || changes.disableUser.isPending,
    revoke: (user: AdminUser, held: HeldRole) => {
      const values = { login: user.login, role: t(`roles.${held.role}`) };
      changes.revokeRole.mutate(
        { userId: user.id, organisationId: held.organisationId, role: held.role },
        {
          onSuccess: () => setNotice({ tone: 'ok', text: t('admin.revoke.done', values) }),
          onError: failed,
        },
      );
    },
    disable: (user: AdminUser) =>
      changes.disableUser.mutate(
        { userId: user.id },
        {
          onSuccess: () =>
            setNotice({ tone: 'ok', text: t('admin.disable.done', { login: user.login }) }),
          onError: failed,
        },
      ),
  };

  return (
    <div className="portal admin-screen">
      <header className="portal__header">
        <h1 className="portal__title">{t('admin.title')}</h1>
        <p className="muted">{canChange ? t('admin.lead') : t('admin.readOnly')}</p>
      </header>
      {notice && (
        <p
          className={notice.tone === 'ok' ? 'notice notice--ok' : 'alert alert--error'}
          role={notice.tone === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </p>
      )}
      {canChange && (
        <div className="portal__grid admin-screen__forms">
          <section className="card" aria-labelledby="new-account-title">
            <h2 id="new-account-title" className="card__title">
              {t('admin.create.title')}
            </h2>
            <p className="muted small">{t('admin.create.lead')}</p>
            <CreateUserForm
              createUser={changes.createUser}
              onCreated={(user) => {
                setChosenUserId(user.id);
                setNotice({ tone: 'ok', text: t('admin.create.created', { login: user.login }) });
              }}
            />
          </section>
          <section className="card" aria-labelledby="grant-role-title">
            <h2 id="grant-role-title" className="card__title">
              {t('admin.grant.title')}
            </h2>
            <p className="muted small">{t('admin.grant.lead')}</p>
            <GrantRoleForm
              users={users.filter((u) => !u.disabled)}
              userId={chosenUserId}
              onUserChange={setChosenUserId}
              organisations={organisations}
              districts={districts}
              grantRole={changes.grantRole}
              onGranted={(text) => setNotice({ tone: 'ok', text })}
            />
          </section>
        </div>
      )}
      <section className="card" aria-labelledby="accounts-title">
        <div className="admin-screen__list-head">
          <h2 id="accounts-title" className="card__title">
            {t('admin.users.title')}
          </h2>
          {list.data && (
            <span className="muted small">{t('admin.users.count', { count: users.length })}</span>
          )}
        </div>
        {list.isPending && <p className="muted">{t('app.loading')}</p>}
        {list.isError && <p className="alert alert--error">{t('common.loadFailed')}</p>}
        {list.data && (
          <UsersTable
            users={users}
            selfId={me.user.id}
            districtName={districtName}
            organisationName={organisationNamer(organisations)}
            actions={canChange ? actions : undefined}
          />
        )}
        {list.hasNextPage && (
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('admin.users.more')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

export default AdminScreen;
