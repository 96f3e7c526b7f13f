import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus } from '@anbu/bus';
import type { Household } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { RunningService } from '@anbu/service-kit';
import { createMemoryBus } from '@anbu/bus/memory';
import { getHousehold, registerHousehold } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { HouseholdsDatabase } from '../repo/schema.js';
import { DecryptionError } from '../errors.js';
import { createHouseholdsService } from '../service.js';
import { caseworkerA, FULL_CONSENT, householdInput, seedDirectory } from '../testing/harness.js';
import { createFieldCipher } from './field-cipher.js';
import { countNotUnderCurrentKey, rotateEncryptionKey } from './rotate-encryption-key.js';

const HOUSEHOLDS = 60;
const BATCH = 16;
const as = { actor: caseworkerA };

/**
 * Key rotation on the real households service (PGlite): households registered under the old
 * key (with idempotency keys, so that sealed answers are stored too) are re-encrypted in
 * batches under the new key; a rotation stopped half-way leaves every row readable (the old key
 * still decrypts) and is finished by running it again; afterwards the new key alone opens every
 * row, each to its original value.
 */
describe('rotateEncryptionKey', () => {
  const log = createTestLogger();
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  let handle: DbHandle;
  let bus: Bus;
  let running: RunningService | undefined;
  const originals = new Map<string, Household>();
  const registrations: { key: string; input: unknown; id: string }[] = [];
  const db = () => handle.forSchema<HouseholdsDatabase>('households');

  const start = async (keys: { current: Buffer; previous?: Buffer[] }) => {
    await running?.stop();
    running = await startService(
      createHouseholdsService({
        encryptionKey: keys.current,
        previousEncryptionKeys: keys.previous,
      }),
      { db: handle, bus, log, outboxPollMs: 50 },
    );
  };

  beforeAll(async () => {
    handle = await createDb({ dataDir: 'memory://', log });
    bus = createMemoryBus({ log });
    await start({ current: oldKey });
    await seedDirectory(bus);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const input = {
        ...householdInput({ name: `회전${i}`, careNotes: `당뇨 ${i}` }),
        consent: FULL_CONSENT,
      };
      const key = `rotation-${randomUUID()}`;
      const household = await bus.request(registerHousehold, input, { ...as, idempotencyKey: key });
      registrations.push({ key, input, id: household.id });
      originals.set(household.id, household);
    }
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await bus.close();
    await handle.close();
  });

  it('should keep every row readable when a rotation stops half-way, then finish it', async () => {
    const ring = createFieldCipher({ current: newKey, previous: [oldKey] });
    const before = await countNotUnderCurrentKey(db(), ring);
    expect(before).toBeGreaterThanOrEqual(2 * HOUSEHOLDS); // rows and their sealed answers

    const first = await rotateEncryptionKey({
      db: db(),
      cipher: ring,
      batchSize: BATCH,
      maxBatches: 2,
    });
    expect(first).toMatchObject({ households: 2 * BATCH, batches: 2, complete: false });
    expect(await countNotUnderCurrentKey(db(), ring)).toBe(before - 2 * BATCH);

    // Mid-rotation the service holds both keys: old and new rows read back the same.
    await start({ current: newKey, previous: [oldKey] });
    for (const [householdId, original] of originals) {
      expect(await bus.request(getHousehold, { householdId }, as)).toEqual(original);
    }

    const rest = await rotateEncryptionKey({ db: db(), cipher: ring, batchSize: BATCH });
    expect(rest.complete).toBe(true);
    expect(rest.households).toBe(HOUSEHOLDS - 2 * BATCH);
    expect(first.idempotencyKeys + rest.idempotencyKeys).toBeGreaterThanOrEqual(HOUSEHOLDS);
    console.log(
      `key rotation: ${String(HOUSEHOLDS)} households and ${String(first.idempotencyKeys + rest.idempotencyKeys)} sealed answers re-encrypted in ${String(first.batches + rest.batches)} batches of ${String(BATCH)}`,
    );
    // A second run has nothing left to do.
    expect(await rotateEncryptionKey({ db: db(), cipher: ring })).toMatchObject({
      households: 0,
      idempotencyKeys: 0,
      complete: true,
    });
  });

  it('should leave every row under the new key id, opening to its original value with the new key alone', async () => {
    const only = createFieldCipher(newKey);
    const rows = await db().selectFrom('households').select(['id', 'sensitive']).execute();
    expect(rows).toHaveLength(HOUSEHOLDS);
    for (const row of rows) {
      expect(only.keyIdOf(row.sensitive)).toBe(only.currentKeyId);
      expect(() => only.forRecord(row.id).decrypt(row.sensitive)).not.toThrow();
    }

    await start({ current: newKey });
    for (const [householdId, original] of originals) {
      expect(await bus.request(getHousehold, { householdId }, as)).toEqual(original);
    }
    // A retried registration replays its sealed answer, now opened with the new key.
    for (const { key, input, id } of registrations.slice(0, 5)) {
      const replay = await bus.request(registerHousehold, input as never, {
        ...as,
        idempotencyKey: key,
      });
      expect(replay).toEqual(originals.get(id));
    }
  });

  it('should refuse a tampered ciphertext', async () => {
    const only = createFieldCipher(newKey);
    const row = await db()
      .selectFrom('households')
      .select(['id', 'sensitive'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const parts = row.sensitive.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0x40;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join('.');
    expect(() => only.forRecord(row.id).decrypt(tampered)).toThrow(DecryptionError);
  });
});
