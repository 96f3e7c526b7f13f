import type { CompiledProblem } from '../problem/model.js';

/**
 * The mutable state of a solution: allocation records `(need, source, quantity)`, what each
 * need still misses, what each source still holds, and the weighted units served per
 * district. Records of one source form a linked list (`firstOfSource`, `nextOfSource`).
 */
export class Plan {
  readonly remainingNeed: Int32Array;
  readonly remainingSource: Int32Array;
  readonly districtServed: Float64Array;
  readonly firstOfSource: Int32Array;
  readonly lastOfNeed: Int32Array;
  #need = new Int32Array(1024);
  #source = new Int32Array(1024);
  #quantity = new Int32Array(1024);
  #nextOfSource = new Int32Array(1024);
  #count = 0;
  readonly #model: CompiledProblem;

  constructor(model: CompiledProblem) {
    this.#model = model;
    this.remainingNeed = model.needQuantity.slice();
    this.remainingSource = model.sourceQuantity.slice();
    this.districtServed = new Float64Array(model.districtDemand.length);
    this.firstOfSource = new Int32Array(model.sourceCount).fill(-1);
    this.lastOfNeed = new Int32Array(model.needCount).fill(-1);
  }

  /** Number of records (some may hold 0 units after moves). */
  get count(): number {
    return this.#count;
  }
  needOf(record: number): number {
    return this.#need[record] ?? -1;
  }
  sourceOf(record: number): number {
    return this.#source[record] ?? -1;
  }
  quantityOf(record: number): number {
    return this.#quantity[record] ?? 0;
  }
  nextOfSource(record: number): number {
    return this.#nextOfSource[record] ?? -1;
  }

  /** Gives `quantity` units of source `s` to need `j` (the caller checked compatibility and stock). */
  add(j: number, s: number, quantity: number): void {
    this.#move(j, s, quantity);
    const last = this.lastOfNeed[j] ?? -1;
    if (last >= 0 && this.#source[last] === s) {
      this.#quantity[last] = (this.#quantity[last] ?? 0) + quantity;
      return;
    }
    if (this.#count === this.#need.length) this.#grow();
    const record = this.#count++;
    this.#need[record] = j;
    this.#source[record] = s;
    this.#quantity[record] = quantity;
    this.#nextOfSource[record] = this.firstOfSource[s] ?? -1;
    this.firstOfSource[s] = record;
    this.lastOfNeed[j] = record;
  }

  /** Takes `quantity` units of a record back (to stock). */
  take(record: number, quantity: number): void {
    this.#quantity[record] = (this.#quantity[record] ?? 0) - quantity;
    this.#move(this.#need[record] ?? 0, this.#source[record] ?? 0, -quantity);
  }

  #move(j: number, s: number, quantity: number): void {
    this.remainingNeed[j] = (this.remainingNeed[j] ?? 0) - quantity;
    this.remainingSource[s] = (this.remainingSource[s] ?? 0) - quantity;
    const d = this.#model.needDistrict[j] ?? 0;
    this.districtServed[d] =
      (this.districtServed[d] ?? 0) + quantity * (this.#model.needWeight[j] ?? 0);
  }

  #grow(): void {
    const size = this.#need.length * 2;
    const grow = (array: Int32Array) => {
      const next = new Int32Array(size);
      next.set(array);
      return next;
    };
    this.#need = grow(this.#need);
    this.#source = grow(this.#source);
    this.#quantity = grow(this.#quantity);
    this.#nextOfSource = grow(this.#nextOfSource);
  }
}
