/** The set of vehicles whose routes a move changed, without allocation (epoch stamps). */
export class Touched {
  readonly list: Int32Array;
  count = 0;
  readonly #stamp: Uint32Array;
  #epoch = 1;

  constructor(nVehicles: number) {
    this.list = new Int32Array(nVehicles);
    this.#stamp = new Uint32Array(nVehicles);
  }

  /** Empties the set. */
  clear(): void {
    this.count = 0;
    this.#epoch++;
  }

  add(v: number): void {
    if (v < 0 || this.#stamp[v] === this.#epoch) return;
    this.#stamp[v] = this.#epoch;
    this.list[this.count++] = v;
  }

  has(v: number): boolean {
    return this.#stamp[v] === this.#epoch;
  }
}
