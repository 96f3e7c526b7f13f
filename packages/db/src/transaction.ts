import type { IsolationLevel, Kysely, Transaction } from 'kysely';

export interface TransactionOptions {
  readonly isolation?: IsolationLevel;
}

/**
 * Runs `fn` in one transaction: commits when it resolves, rolls back and rethrows when it
 * throws. Nested calls with a {@link Transaction} reuse it instead of opening another.
 *
 * Do not wait on another service (an RPC) inside `fn`: in the embedded mode all services share
 * one PGlite session, so the other service's queries wait for this transaction to end, and the
 * call times out.
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
