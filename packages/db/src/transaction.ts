import type { IsolationLevel, Kysely, Transaction } from 'kysely';

export interface TransactionOptions {
  readonly isolation?: IsolationLevel;
}

/**
 * Runs `fn` in one transaction: commits when it resolves, rolls back and rethrows when it
 * throws. Nested calls with a {@link Transaction} reuse it instead of opening another.
 * @example
 * await transaction(db, async (trx) => {
 *   await insertDonation(trx, donation);
 *   await enqueue(trx, subject, envelope);
 * });
 */
export async function transaction<DB, T>(
  db: Kysely<DB> | Transaction<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  let builder = db.transaction();
  if (options.isolation) builder = builder.setIsolationLevel(options.isolation);
  return builder.execute(fn);
}
