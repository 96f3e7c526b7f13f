import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { Accepted } from './check.ts';
import { compare, compareStops, readAccepted } from './check.ts';

const ID_A = '0e98e40c-341a-57ad-aada-b1c543685f8a';
const ID_B = '0c37181c-5f9e-5b5f-8c1e-4d070280fdf6';
const ID_C = '5c1233a6-0692-5622-bf5c-d6cc36cf06d7';

function accepted(entries: [string, string[]][]): Accepted {
  return { ids: new Map(entries.map(([key, ids]) => [key, new Set(ids)])) };
}

describe('readAccepted', () => {
  it('should read raw and logfmt-quoted console lines, grouping ids by key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anbu-check-'));
    const file = join(dir, 'console.log');
    await writeFile(
      file,
      [
        `ACCEPTED donation ${ID_A} run-donation-0`,
        `time="x" level=info msg="ACCEPTED need ${ID_B} run-need-3" source=console`,
        `ACCEPTED donation ${ID_A} run-donation-0`,
        'something else',
      ].join('\n'),
    );
    const result = await readAccepted(file);
    expect([...result.donation.ids.entries()]).toEqual([['run-donation-0', new Set([ID_A])]]);
    expect([...result.need.ids.entries()]).toEqual([['run-need-3', new Set([ID_B])]]);
  });

  it('should read a missing file as nothing accepted', async () => {
    const result = await readAccepted('/nonexistent/console.log');
    expect(result.donation.ids.size + result.need.ids.size).toBe(0);
  });
});

describe('compare', () => {
  it('should pass when every accepted id is stored once', () => {
    const check = compare('donation', accepted([['k1', [ID_A]]]), [
      { id: ID_A, note: 'loadtest:run:k1' },
    ]);
    expect(check).toMatchObject({
      accepted: 1,
      stored: 1,
      lost: 0,
      doubled: 0,
      replayMismatches: 0,
    });
  });

  it('should count a lost record, a doubled key, a replay answering another id and an unacknowledged record', () => {
    const check = compare(
      'donation',
      accepted([
        ['k1', [ID_A]],
        ['k2', [ID_B, ID_C]],
        ['k3', ['11111111-1111-4111-8111-111111111111']],
      ]),
      [
        { id: ID_A, note: 'loadtest:run:k1' },
        { id: ID_B, note: 'loadtest:run:k2' },
        { id: ID_C, note: 'loadtest:run:k2' },
        { id: '22222222-2222-4222-8222-222222222222', note: 'loadtest:run:k9' },
      ],
    );
    expect(check).toMatchObject({
      lost: 1,
      doubled: 1,
      replayMismatches: 1,
      storedUnacknowledged: 1,
      stored: 4,
    });
  });
});

describe('compareStops', () => {
  it('should count an accepted stop not delivered (or without its event) as lost, and two events as doubled', () => {
    const report = compareStops(
      accepted([
        [ID_A, [ID_A]],
        [ID_B, [ID_B]],
        [ID_C, [ID_C]],
      ]),
      new Set([ID_A, ID_B]),
      new Map([
        [ID_A, 1],
        [ID_B, 2],
      ]),
    );
    expect(report).toMatchObject({ kind: 'stop', accepted: 3, lost: 1, doubled: 1, stored: 2 });
  });

  it('should pass every accepted stop delivered once', () => {
    const report = compareStops(
      accepted([[ID_A, [ID_A]]]),
      new Set([ID_A, ID_B]),
      new Map([[ID_A, 1]]),
    );
    expect(report).toMatchObject({ lost: 0, doubled: 0, storedUnacknowledged: 1 });
  });
});
