import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import { useSwitchRole } from '../auth/use-session.js';

/** The key of a membership in the select (a role may be held in several organisations). */
const keyOf = (m: { role: string; organisationId: string }) => `${m.role}:${m.organisationId}`;

/**
 * Switches the role the user acts in. Rendered only for users who hold several roles: for
 * everybody else it is noise.
 */
export function RoleSwitch({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const switchRole = useSwitchRole();
  if (me.memberships.length < 2) return null;
  const roleCounts = new Map<string, number>();
  for (const m of me.memberships) roleCounts.set(m.role, (roleCounts.get(m.role) ?? 0) + 1);
  return (
    <div className="role-switch">
      <label htmlFor={id} className="role-switch__label">
        {t('shell.role')}
      </label>
      <select
        id={id}
        className="role-switch__select"
        value={keyOf(me)}
        disabled={switchRole.isPending}
        aria-describedby={switchRole.isError ? `${id}-error` : undefined}
        onChange={(event) => {
          const target = me.memberships.find((m) => keyOf(m) === event.target.value);
          if (target)
            switchRole.mutate({ role: target.role, organisationId: target.organisationId });
        }}
      >
        {me.memberships.map((m, index) => (
          <option key={keyOf(m)} value={keyOf(m)}>
            {t(`roles.${m.role}`)}
            {/* The same role in two organisations: number them so the options differ. */}
            {(roleCounts.get(m.role) ?? 0) > 1 ? ` ${index + 1}` : ''}
          </option>
        ))}
      </select>
      {switchRole.isError && (
        <span id={`${id}-error`} className="role-switch__error" role="alert">
          {t('shell.roleSwitchFailed')}
        </span>
      )}
    </div>
  );
}
