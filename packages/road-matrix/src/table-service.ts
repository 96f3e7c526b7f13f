import type { Location } from '@anbu/contracts/routing';

import type { BlockResult } from './blocks.js';

/** One request to a table service: travel between some of the points, for one profile. */
export interface TableRequest {
  /** `[lon, lat]`, the places of this request only. */
  readonly points: readonly Location[];
  /** Indexes into `points`. */
  readonly sources: readonly number[];
  readonly destinations: readonly number[];
  /** The Anbu vehicle profile (`car`, `van`, `motorbike`, `foot`, …). */
  readonly profile: string;
  readonly signal?: AbortSignal | undefined;
}

/** An OSRM- or Valhalla-compatible travel-time table. */
export interface TableService {
  /** For logs: `osrm http://…`. */
  readonly name: string;
  /** Whether the service routes this profile (a drone flies, it has no road network). */
  routes(profile: string): boolean;
  table(request: TableRequest): Promise<BlockResult>;
}

/** The table service failed or answered something it should not have. */
export class RoadMatrixError extends Error {
  override readonly name = 'RoadMatrixError';
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
