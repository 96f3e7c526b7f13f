import { createDemoCity } from '@anbu/demo-city';

import type { AdminUser } from './use-admin.js';

/** An organisation a role can be granted in. */
export interface OrganisationOption {
  readonly id: string;
  readonly name: string;
  /** The administrator's own organisation. */
  readonly own: boolean;
}

/** Names of the demo city's organisations by id, in `language` (the ones the embedded start seeds). */
function demoOrganisationNames(language: 'ko' | 'en'): ReadonlyMap<string, string> {
  const { organisations } = createDemoCity({ householdCount: 0 });
  return new Map(organisations.map((o) => [o.id, language === 'ko' ? o.name : o.nameEn]));
}

/**
 * The organisations an administrator can grant roles in: their own first, then every one a
 * listed user already holds a role in (the gateway offers no list of organisations). Names come
 * from the demo city where it knows the id; otherwise the id's first block stands in.
 */
export function organisationOptions({
  ownId,
  users,
  language,
}: {
  ownId: string;
  users: readonly AdminUser[];
  language: 'ko' | 'en';
}): OrganisationOption[] {
  const names = demoOrganisationNames(language);
  const nameOf = (id: string) => names.get(id) ?? id.slice(0, 8);
  const others = new Set(users.flatMap((u) => u.roles.map((r) => r.organisationId)));
  others.delete(ownId);
  return [
    { id: ownId, name: nameOf(ownId), own: true },
    ...[...others]
      .map((id) => ({ id, name: nameOf(id), own: false }))
      .sort((a, b) => a.name.localeCompare(b.name, language)),
  ];
}

/** A lookup from organisation id to the name {@link organisationOptions} gives it. */
export function organisationNamer(options: readonly OrganisationOption[]): (id: string) => string {
  const byId = new Map(options.map((o) => [o.id, o.name]));
  return (id) => byId.get(id) ?? id.slice(0, 8);
}
