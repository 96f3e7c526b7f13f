import type { Kysely } from 'kysely';
import { sql } from 'kysely';

import type { Logger } from '@anbu/db';

import type { HouseholdsDatabase } from '../repo/schema.js';
import type { RecordCipher } from './field-cipher.js';

/** Rows re-encrypted per transaction unless told otherwise. */
export const DEFAULT_ROTATION_BATCH = 200;

/** What a rotation did: rows re-encrypted per table, and the transactions it took. */
export interface RotationReport {
  readonly keyId: string;
  readonly households: number;
  readonly idempotencyKeys: number;
  readonly batches: number;
  /** False when `maxBatches` stopped it before every row was under the current key. */
  readonly complete: boolean;
}

/** The prefix of every ciphertext already under the current key. */
function currentPrefix(cipher: RecordCipher): string {
  return `v2.${cipher.currentKeyId}.%`;
}

/**
 * Re-encrypts every ciphertext of the households schema under the cipher's current key:
 * households' sensitive fields and the sealed answers of the idempotency table. Each batch is
 * one transaction that locks its rows (`for update`), so a concurrent update of a household
 * waits instead of being overwritten with an older value. Resumable: rows already under the
 * current key are never selected again, so a stopped or crashed rotation is simply run again.
 * Until it completes the previous keys must stay in the keyring (they decrypt the rest).
 * @example
 * const cipher = createFieldCipher({ current: newKey, previous: [oldKey] });
 * const report = await rotateEncryptionKey({ db, cipher }); // report.complete === true
 */
export async function rotateEncryptionKey(options: {
  db: Kysely<HouseholdsDatabase>;
  cipher: RecordCipher;
  batchSize?: number;
  /** Stop after this many transactions (a rotation in slices); the next run goes on. */
  maxBatches?: number;
  log?: Logger;
}): Promise<RotationReport> {
  const { db, cipher, log } = options;
  const batchSize = options.batchSize ?? DEFAULT_ROTATION_BATCH;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const done = currentPrefix(cipher);
  let households = 0;
  let idempotencyKeys = 0;
  let batches = 0;

  // Keyset pagination: each batch starts after the last row seen, so the whole table is read once.
  let after: string | undefined;
  while (batches < maxBatches) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('households')
        .select(['id', 'sensitive'])
        .$if(after !== undefined, (qb) => qb.where('id', '>', after ?? ''))
        .where('sensitive', 'not like', done)
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const record = cipher.forRecord(row.id);
        await trx
          .updateTable('households')
          .set({ sensitive: record.encrypt(record.decrypt(row.sensitive)) })
          .where('id', '=', row.id)
          .execute();
      }
      after = rows.at(-1)?.id ?? after;
      return rows.length;
    });
    if (count === 0) break;
    batches += 1;
    households += count;
    log?.info({ table: 'households', rows: households, batches }, 'key rotation progress');
  }

  after = undefined;
  while (batches < maxBatches) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('idempotency_keys')
        .select(['key', 'response'])
        .$if(after !== undefined, (qb) => qb.where('key', '>', after ?? ''))
        .where(sql<string>`jsonb_typeof(response)`, '=', 'string')
        .where(sql<string>`response #>> '{}'`, 'not like', done)
        .orderBy('key')
        .limit(batchSize)
        .forUpdate()
        .execute();
      for (const row of rows) {
        // The same record binding as the households RPC's answer seal.
        const record = cipher.forRecord(`idempotency:${row.key}`);
        const sealed = record.encrypt(record.decrypt(String(row.response)));
        await trx
          .updateTable('idempotency_keys')
          .set({ response: JSON.stringify(sealed) })
          .where('key', '=', row.key)
          .execute();
      }
      after = rows.at(-1)?.key ?? after;
      return rows.length;
    });
    if (count === 0) break;
    batches += 1;
    idempotencyKeys += count;
    log?.info(
      { table: 'idempotency_keys', rows: idempotencyKeys, batches },
      'key rotation progress',
    );
  }

  const left = await countNotUnderCurrentKey(db, cipher);
  return { keyId: cipher.currentKeyId, households, idempotencyKeys, batches, complete: left === 0 };
}

/** How many ciphertexts of the schema are not yet under the cipher's current key. */
export async function countNotUnderCurrentKey(
  db: Kysely<HouseholdsDatabase>,
  cipher: RecordCipher,
): Promise<number> {
  const done = currentPrefix(cipher);
  const households = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sensitive', 'not like', done)
    .executeTakeFirstOrThrow();
  const answers = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<string>`jsonb_typeof(response)`, '=', 'string')
    .where(sql<string>`response #>> '{}'`, 'not like', done)
    .executeTakeFirstOrThrow();
  return Number(households.n) + Number(answers.n);
}
