import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** How many items {@link mapInSlices} maps between two yields. */
export const DEFAULT_SLICE = 100;

/**
 * Maps `items` synchronously, a slice at a time, yielding to the event loop between slices: a
 * CPU-bound map over thousands of rows (decrypting a day's households for planning) must not
 * hold the loop that answers health checks and other calls. Order is kept.
 * @example
 * const profiles = await mapInSlices(rows, (row) => decrypt(row));
 */
export async function mapInSlices<T, U>(
  items: readonly T[],
  map: (item: T, index: number) => U,
  slice = DEFAULT_SLICE,
): Promise<U[]> {
  const out: U[] = [];
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(items.length, start + slice);
    for (let index = start; index < end; index += 1) out.push(map(items[index] as T, index));
  }
  return out;
}
