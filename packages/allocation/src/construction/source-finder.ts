import type { CompiledProblem } from '../problem/model.js';
import { mismatch, MISMATCH } from '../problem/compatibility.js';
import { haversineKm } from '../problem/geo.js';

/**
 * Finds, for a need, the best source with stock: highest `bonus − distanceWeight × km`, which
 * is the first-expiring compatible source and, among equally fresh ones, the nearest depot.
 * Keeps per depot run the first source that still has stock, and caches depot distances per need.
 */
export class SourceFinder {
  readonly #model: CompiledProblem;
  readonly #stock: Int32Array;
  readonly #head: Int32Array;
  readonly #distance: Float64Array;
  readonly #stamp: Int32Array;
  #need = -1;
  #epoch = 0;

  constructor(model: CompiledProblem, stock: Int32Array) {
    this.#model = model;
    this.#stock = stock;
    this.#head = model.runStart.slice(0, Math.max(0, model.runStart.length - 1));
    this.#distance = new Float64Array(model.depotLat.length);
    this.#stamp = new Int32Array(model.depotLat.length);
  }

  /** Kilometres from source `s`'s depot to need `j`'s household. */
  distanceKm(j: number, s: number): number {
    if (j !== this.#need) {
      this.#need = j;
      this.#epoch++;
    }
    const depot = this.#model.sourceDepot[s] ?? 0;
    if (this.#stamp[depot] === this.#epoch) return this.#distance[depot] ?? 0;
    const km = haversineKm({
      lat1: this.#model.needLat[j] ?? 0,
      lng1: this.#model.needLng[j] ?? 0,
      lat2: this.#model.depotLat[depot] ?? 0,
      lng2: this.#model.depotLng[depot] ?? 0,
    });
    this.#stamp[depot] = this.#epoch;
    this.#distance[depot] = km;
    return km;
  }

  /** Objective value of one unit of `s` for `j`, besides the need's own weight. */
  score(j: number, s: number): number {
    return (this.#model.sourceBonus[s] ?? 0) - this.#model.distanceWeight * this.distanceKm(j, s);
  }

  /**
   * The best compatible source with stock for need `j`, other than `exclude`; -1 if none:
   * the first expiry-day group holding one, and in it the run of the nearest depot.
   */
  find(j: number, exclude = -1): number {
    const model = this.#model;
    const bucket = model.needBucket[j] ?? 0;
    const delivery = model.needDelivery[j] ?? 0;
    const lastGroup = model.bucketGroupStart[bucket + 1] ?? 0;
    for (let g = model.bucketGroupStart[bucket] ?? 0; g < lastGroup; g++) {
      // Units that expire before the delivery day can serve nobody here.
      if ((model.groupExpiry[g] ?? 0) < delivery) continue;
      let best = -1;
      let bestKm = Infinity;
      const lastRun = model.groupRunStart[g + 1] ?? 0;
      for (let r = model.groupRunStart[g] ?? 0; r < lastRun; r++) {
        const end = model.runStart[r + 1] ?? 0;
        let i = this.#head[r] ?? 0;
        // Stock only falls while searching, so a depleted prefix stays depleted.
        while (i < end && this.#stock[model.bucketSources[i] ?? 0] === 0) i++;
        this.#head[r] = i;
        if (i === end) continue;
        const km = this.distanceKm(j, model.bucketSources[i] ?? 0);
        if (km >= bestKm) continue;
        for (; i < end; i++) {
          const s = model.bucketSources[i] ?? 0;
          if (s === exclude || this.#stock[s] === 0) continue;
          if (mismatch(model, j, s) === MISMATCH.none) {
            best = s;
            bestKm = km;
            break;
          }
        }
      }
      if (best >= 0) return best;
    }
    return -1;
  }
}
