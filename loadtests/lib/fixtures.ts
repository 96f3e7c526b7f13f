import { SharedArray } from 'k6/data';

import { FIXTURES_FILE } from './env.ts';

/** The seed step's output (see tools/fixtures.ts, which this mirrors for k6). */
export interface Fixtures {
  readonly seed: string;
  readonly households: number;
  readonly apiKeys: readonly { readonly key: string; readonly organisationId: string }[];
  readonly caseworkers: readonly {
    readonly login: string;
    readonly password: string;
    readonly householdIds: readonly string[];
  }[];
  readonly dispatcher: { readonly login: string; readonly password: string };
  readonly carriers: readonly { readonly login: string; readonly password: string }[];
  /** The peak day the planning scenario plans, district by district (empty: none seeded). */
  readonly planning: {
    readonly date: string;
    readonly districts: readonly { readonly code: string; readonly orders: number }[];
  };
}

const EMPTY: Fixtures = {
  seed: '',
  households: 0,
  apiKeys: [],
  caseworkers: [],
  dispatcher: { login: '', password: '' },
  carriers: [],
  planning: { date: '', districts: [] },
};

// One copy shared by every VU (k6 parses it once in the init context).
const shared = new SharedArray<Fixtures>('fixtures', () =>
  FIXTURES_FILE === '' ? [EMPTY] : [JSON.parse(open(FIXTURES_FILE)) as Fixtures],
);

// A SharedArray hands out a fresh copy (a JSON parse) on every element access: read it once per
// VU. Per request, that parse was the load generator's largest CPU cost.
let cached: Fixtures | undefined;

export function fixtures(): Fixtures {
  cached ??= shared[0] ?? EMPTY;
  return cached;
}
