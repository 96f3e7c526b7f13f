/** What the seed step hands the k6 scenarios (a JSON file, read with `open()` in k6). */
export interface Fixtures {
  readonly seed: string;
  readonly households: number;
  /** Live API keys of the partner organisations. */
  readonly apiKeys: readonly { readonly key: string; readonly organisationId: string }[];
  /** Caseworkers with households of their own districts to file needs for. */
  readonly caseworkers: readonly {
    readonly login: string;
    readonly password: string;
    readonly householdIds: readonly string[];
  }[];
  readonly dispatcher: { readonly login: string; readonly password: string };
  readonly carriers: readonly { readonly login: string; readonly password: string }[];
  /**
   * Every stop of today's published routes once, the carriers taken in turn (each carrier's
   * first stop, then each one's second, …): `carrier` indexes `carriers`.
   */
  readonly stops: readonly { readonly carrier: number; readonly stopId: string }[];
  /** The peak day the planning scenario plans, district by district (empty: none seeded). */
  readonly planning: {
    readonly date: string;
    /** Carriers with a shift that day. */
    readonly carriers: number;
    /** Each district with its orders and the carriers whose shift serves it. */
    readonly districts: readonly {
      readonly code: string;
      readonly orders: number;
      readonly carriers: number;
    }[];
  };
}
