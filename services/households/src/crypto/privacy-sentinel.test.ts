import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer, TestLogger } from '@anbu/db/testing';
import { RpcRemoteError } from '@anbu/bus';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, readAllStreams, startNatsServer } from '@anbu/bus/testing';
import { getHousehold, registerHousehold, updateHousehold } from '@anbu/contracts/rpc';
import { createTestLogger, findPostgresBin, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { HouseholdsHarness } from '../testing/harness.js';
import {
  caseworkerA,
  FULL_CONSENT,
  householdInput,
  seedDirectory,
  startHouseholds,
} from '../testing/harness.js';

/** Planted in names, addresses and health notes; it must never leave the encrypted column. */
const SENTINEL = 'SNTNL7Q4Z';
/** Planted as the phone number (digits only fit the phone schema). */
const SENTINEL_PHONE = '010-7311-9462';
const HOUSEHOLDS = 5;

const servers = hasPostgres() && hasNatsServer();

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/**
 * The sentinel test: names, addresses, phone numbers and health notes planted with a sentinel
 * appear 0 times in the JetStream streams, the service logs and `pg_dump` of the households
 * schema, while the service still reads them back; tampered ciphertext fails to decrypt.
 */
describe.skipIf(!servers)('sensitive household fields stay encrypted (privacy sentinel)', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: HouseholdsHarness;
  let busLog: TestLogger;
  const ids: string[] = [];

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    busLog = createTestLogger();
    const bus = await createNatsBus({ servers: nats.url, log: busLog, name: 'households-privacy' });
    h = await startHouseholds({ url: postgres.url, bus });
    await seedDirectory(h.bus);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      const household = await h.bus.request(
        registerHousehold,
        {
          ...householdInput({
            name: `김${SENTINEL}${i}`,
            address: {
              road: `익산시 ${SENTINEL}로 ${i}`,
              detail: `${SENTINEL}동`,
              postalCode: '54576',
            },
            contact: { name: `보호자${SENTINEL}`, phone: SENTINEL_PHONE, relation: 'family' },
            careNotes: `당뇨, 낙상 위험 ${SENTINEL}`,
            accessNotes: `현관 비밀번호 ${SENTINEL}`,
          }),
          consent: FULL_CONSENT,
        },
        { actor: caseworkerA },
      );
      ids.push(household.id);
      await h.bus.request(
        updateHousehold,
        {
          householdId: household.id,
          expectedVersion: 1,
          changes: { careNotes: `투석 ${SENTINEL}`, riskLevel: 'critical' },
        },
        { actor: caseworkerA },
      );
    }
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should read the planted fields back (the sentinel really is stored)', async () => {
    for (const householdId of ids) {
      const read = await h.bus.request(getHousehold, { householdId }, { actor: caseworkerA });
      expect(read.name).toContain(SENTINEL);
      expect(read.address.road).toContain(SENTINEL);
      expect(read.contact?.phone).toBe(SENTINEL_PHONE);
      expect(read.careNotes).toContain(SENTINEL);
    }
  });

  it('should publish events without the sentinel', async () => {
    // Registrations and updates were published (the outbox has drained) ...
    let contents = { text: '', messages: 0 };
    const deadline = Date.now() + 20_000;
    while (contents.messages < 2 * HOUSEHOLDS && Date.now() < deadline) {
      const messages = await readAllStreams(nats.url);
      contents = {
        text: messages.map((m) => `${m.subject}\n${m.headers}\n${m.data}`).join('\n'),
        messages: messages.length,
      };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.info(
      `[faults] privacy: stream messages=${contents.messages} bytes=${contents.text.length} sentinel=${occurrences(contents.text, SENTINEL)} phone=${occurrences(contents.text, SENTINEL_PHONE)}`,
    );
    expect(contents.messages).toBeGreaterThanOrEqual(2 * HOUSEHOLDS);
    expect(contents.text).toContain(ids[0]);
    // ... and none of them carries a name, address, phone or note.
    expect(occurrences(contents.text, SENTINEL)).toBe(0);
    expect(occurrences(contents.text, SENTINEL_PHONE)).toBe(0);
  });

  /** `pg_dump` of the households schema (schema and data), as text. */
  function dumpHouseholds(): { status: number | null; stdout: string; stderr: string } {
    const bin = findPostgresBin();
    const pgDump = bin ? join(bin, 'pg_dump') : '/usr/lib/postgresql/15/bin/pg_dump';
    expect(existsSync(pgDump)).toBe(true);
    return spawnSync(pgDump, ['--dbname', postgres.url, '--schema', 'households'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  }

  it('should keep the sentinel out of pg_dump of the households schema', () => {
    const dump = dumpHouseholds();
    expect(dump.status, dump.stderr).toBe(0);
    console.info(
      `[faults] privacy: pg_dump bytes=${dump.stdout.length} sentinel=${occurrences(dump.stdout, SENTINEL)} phone=${occurrences(dump.stdout, SENTINEL_PHONE)}`,
    );
    // The households are in the dump (by id), their sensitive fields only as ciphertext.
    for (const householdId of ids) expect(dump.stdout).toContain(householdId);
    expect(occurrences(dump.stdout, SENTINEL)).toBe(0);
    expect(occurrences(dump.stdout, SENTINEL_PHONE)).toBe(0);
  });

  it('should keep the sentinel out of the service and bus logs', () => {
    const text = [...h.log.lines, ...busLog.lines].map((line) => JSON.stringify(line)).join('\n');
    console.info(
      `[faults] privacy: log lines=${h.log.lines.length + busLog.lines.length} sentinel=${occurrences(text, SENTINEL)} phone=${occurrences(text, SENTINEL_PHONE)}`,
    );
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(occurrences(text, SENTINEL)).toBe(0);
    expect(occurrences(text, SENTINEL_PHONE)).toBe(0);
  });

  it('should refuse to show a household whose ciphertext was tampered with, leaking nothing', async () => {
    const [target] = ids;
    if (!target) throw new Error('no household seeded');
    // Flip one character of the ciphertext body (the last base64url part).
    await sql`
      update households set sensitive =
        left(sensitive, length(sensitive) - 2)
        || case when substr(sensitive, length(sensitive) - 1, 1) = 'A' then 'B' else 'A' end
        || right(sensitive, 1)
      where id = ${target}`.execute(h.db);
    const linesBefore = h.log.lines.length;
    const error = await h.bus
      .request(getHousehold, { householdId: target }, { actor: caseworkerA })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect(String(error)).not.toContain(SENTINEL);
    const newLogs = h.log.lines
      .slice(linesBefore)
      .map((l) => JSON.stringify(l))
      .join('\n');
    expect(newLogs).not.toContain(SENTINEL);
    // The other households still decrypt.
    const other = await h.bus.request(
      getHousehold,
      { householdId: ids[1] ?? '' },
      { actor: caseworkerA },
    );
    expect(other.name).toContain(SENTINEL);
  });

  it('should keep the sentinel out of what an idempotent call stores for its replay', async () => {
    const input = {
      ...householdInput({
        name: `이${SENTINEL}`,
        contact: { name: `보호자${SENTINEL}`, phone: SENTINEL_PHONE, relation: 'family' },
        careNotes: `치매 초기 ${SENTINEL}`,
      }),
      consent: FULL_CONSENT,
    };
    const options = { actor: caseworkerA, idempotencyKey: 'privacy-sentinel-register' };
    const first = await h.bus.request(registerHousehold, input, options);
    const replay = await h.bus.request(registerHousehold, input, options);
    expect(replay.id).toBe(first.id);
    const dump = dumpHouseholds();
    expect(dump.status, dump.stderr).toBe(0);
    console.info(
      `[faults] privacy (idempotent replies): pg_dump sentinel=${occurrences(dump.stdout, SENTINEL)} phone=${occurrences(dump.stdout, SENTINEL_PHONE)}`,
    );
    expect(dump.stdout).toContain(first.id);
    expect(occurrences(dump.stdout, SENTINEL)).toBe(0);
    expect(occurrences(dump.stdout, SENTINEL_PHONE)).toBe(0);
  });
});
