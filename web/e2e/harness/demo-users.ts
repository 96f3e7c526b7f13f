import type { DemoUser } from '@anbu/demo-city';
import { createDemoCity } from '@anbu/demo-city';

const users = () => createDemoCity({ householdCount: 0 }).users;

/** The first demo user who holds `role` (the embedded start seeds the default city). */
export function demoUserWithRole(role: DemoUser['roles'][number]): DemoUser {
  const user = users().find((u) => u.roles.includes(role));
  if (!user) throw new Error(`the demo city has no ${role}`);
  return user;
}
