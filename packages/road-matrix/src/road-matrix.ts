import type { Location } from '@anbu/contracts/routing';

import type { Block, BlockResult } from './blocks.js';
import type { TableService } from './table-service.js';
import { assemble, tile } from './blocks.js';

/** Options of {@link buildRoadMatrix}. */
export interface RoadMatrixOptions {
  /** Sources (and destinations) per request; OSRM's default `max-table-size` is 100. */
  readonly blockSize?: number;
  /** Requests in flight at once; be kind to a shared routing server. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal | undefined;
}

/** The request for one block: its places only, sources and destinations re-indexed into them. */
export function blockRequest(points: readonly Location[], block: Block) {
  const local = new Map<number, number>();
  const places: Location[] = [];
  const at = (i: number): number => {
    let j = local.get(i);
    if (j === undefined) {
      const p = points[i];
      if (!p) throw new RangeError(`point ${i} is outside the ${points.length} places`);
      j = places.length;
      places.push(p);
      local.set(i, j);
    }
    return j;
  };
  const sources = block.sources.map(at);
  const destinations = block.destinations.map(at);
  return { points: places, sources, destinations };
}

/**
 * The full `n × n` road matrix of `points` for one profile, fetched block by block with a few
 * requests in flight; integer seconds and metres, unreachable pairs at {@link UNREACHABLE}.
 */
export async function buildRoadMatrix(
  service: TableService,
  { points, profile }: { readonly points: readonly Location[]; readonly profile: string },
  options: RoadMatrixOptions = {},
): Promise<{ durations: number[][]; distances: number[][] }> {
  const blocks = tile(points.length, options.blockSize ?? 100);
  const parts: { block: Block; result: BlockResult }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < blocks.length) {
      const block = blocks[next++];
      if (!block) return;
      options.signal?.throwIfAborted();
      const request = blockRequest(points, block);
      const result = await service.table({ ...request, profile, signal: options.signal });
      parts.push({ block, result });
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 4, blocks.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return assemble(points.length, parts);
}
