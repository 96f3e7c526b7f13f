import type { DemoUser } from '@anbu/demo-city';
import { createDemoCity } from '@anbu/demo-city';

const users = () => createDemoCity({ householdCount: 0 }).users;

/** The first demo user who holds `role` (the embedded start seeds the default city). */
export function demoUserWithRole(role: DemoUser['roles'][number]): DemoUser {
  const user = users().find((u) => u.roles.includes(role));
  if (!user) throw new Error(`the demo city has no ${role}`);
  return user;
}

/**
 * The demo caseworker responsible for the 읍면동 of household `householdId` (the one whose inbox
 * gets that household's alerts), from the same demo city the embedded start seeds.
 */
export function caseworkerOfHousehold(householdId: string): DemoUser {
  const city = createDemoCity({});
  const household = city.households.find((h) => h.id === householdId);
  if (!household) throw new Error(`no demo household ${householdId}`);
  const caseworker = city.users.find(
    (u) => u.roles.includes('caseworker') && u.districtCodes.includes(household.districtCode),
  );
  if (!caseworker) throw new Error(`no demo caseworker for ${household.districtCode}`);
  return caseworker;
}
