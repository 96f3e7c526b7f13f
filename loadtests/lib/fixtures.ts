import { SharedArray } from 'k6/data';

// One type for both sides: the seed step writes it (Node), the scenarios read it (k6).
import type { Fixtures } from '../tools/fixtures.ts';
import { FIXTURES_FILE } from './env.ts';

export type { Fixtures };

const EMPTY: Fixtures = {
  seed: '',
  households: 0,
  apiKeys: [],
  caseworkers: [],
  dispatcher: { login: '', password: '' },
  carriers: [],
  stops: [],
  planning: { date: '', carriers: 0, districts: [] },
};

// One copy shared by every VU (k6 parses it once in the init context), without the stops: every
// VU reads the fixtures whole, and the day's stops are tens of thousands.
const shared = new SharedArray<Fixtures>('fixtures', () =>
  FIXTURES_FILE === ''
    ? [EMPTY]
    : [{ ...(JSON.parse(open(FIXTURES_FILE)) as Fixtures), stops: [] }],
);

/** The day's stops, one small element copied per access. */
export const stops = new SharedArray<Fixtures['stops'][number]>('stops', () =>
  FIXTURES_FILE === '' ? [] : [...(JSON.parse(open(FIXTURES_FILE)) as Fixtures).stops],
);

// A SharedArray hands out a fresh copy (a JSON parse) on every element access: read it once per
// VU. Per request, that parse was the load generator's largest CPU cost.
let cached: Fixtures | undefined;

export function fixtures(): Fixtures {
  cached ??= shared[0] ?? EMPTY;
  return cached;
}
