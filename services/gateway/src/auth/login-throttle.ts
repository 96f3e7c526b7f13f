import type { Kysely } from 'kysely';

import type { GatewayTables } from '../db/schema.js';

type Db = Kysely<GatewayTables>;

/** When repeated failed logins lock an account or an address out. */
export interface LoginThrottlePolicy {
  /** Failures older than this are forgotten; a lock-out lasts until they age out. */
  readonly windowMs: number;
  /** Failed logins per account within the window before it is locked. */
  readonly maxPerAccount: number;
  /** Failed logins per client address within the window (guessing across accounts). */
  readonly maxPerAddress: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = Object.freeze({
  windowMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 30,
});

const accountKey = (login: string) => `account:${login.trim().toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

/**
 * Counts recent failures in the database (not in memory), so the limit holds across replicas.
 */
export function createLoginThrottle(options: { db: Db; policy?: LoginThrottlePolicy }) {
  const { db, policy = DEFAULT_LOGIN_THROTTLE } = options;

  async function failuresSince(key: string, since: Date): Promise<number> {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('key', '=', key)
      .where('failed_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return Object.freeze({
    policy,
    /** Whether a login for this account, from this address, is refused without checking. */
    async isLocked(attempt: { login: string; ip: string; now: Date }): Promise<boolean> {
      const since = new Date(attempt.now.getTime() - policy.windowMs);
      const [account, address] = await Promise.all([
        failuresSince(accountKey(attempt.login), since),
        failuresSince(addressKey(attempt.ip), since),
      ]);
      return account >= policy.maxPerAccount || address >= policy.maxPerAddress;
    },
    /** Records a failed attempt against both the account and the address. */
    async recordFailure(attempt: { login: string; ip: string; now: Date }): Promise<void> {
      await db
        .insertInto('login_failures')
        .values([
          { key: accountKey(attempt.login), failed_at: attempt.now },
          { key: addressKey(attempt.ip), failed_at: attempt.now },
        ])
        .execute();
      // Keep the table small: whatever is outside the window no longer counts.
      await db
        .deleteFrom('login_failures')
        .where('failed_at', '<', new Date(attempt.now.getTime() - policy.windowMs))
        .execute();
    },
    /** Forgets the account's failures after a successful login (the address keeps its count). */
    async recordSuccess(attempt: { login: string }): Promise<void> {
      await db.deleteFrom('login_failures').where('key', '=', accountKey(attempt.login)).execute();
    },
  });
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
