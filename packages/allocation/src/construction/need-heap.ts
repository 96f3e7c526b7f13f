/**
 * A max-heap of need indexes by key, ties to the lower index (so runs are deterministic).
 * Fixed capacity, no allocation after construction.
 */
export class NeedHeap {
  readonly #items: Int32Array;
  readonly #keys: Float64Array;
  #size = 0;

  constructor(capacity: number) {
    this.#items = new Int32Array(capacity);
    this.#keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** The key `peek()`/`pop()` would return the need of. */
  get topKey(): number {
    return this.#keys[0] ?? -Infinity;
  }

  push(need: number, key: number): void {
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(key, need, parent)) break;
      this.#items[i] = this.#items[parent] ?? 0;
      this.#keys[i] = this.#keys[parent] ?? 0;
      i = parent;
    }
    this.#items[i] = need;
    this.#keys[i] = key;
  }

  /** Removes and returns the need with the highest key (-1 when empty). */
  pop(): number {
    if (this.#size === 0) return -1;
    const top = this.#items[0] ?? -1;
    const size = --this.#size;
    const need = this.#items[size] ?? 0;
    const key = this.#keys[size] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#ranksAbove(child + 1, child)) child++;
      if (!this.#childFirst(child, key, need)) break;
      this.#items[i] = this.#items[child] ?? 0;
      this.#keys[i] = this.#keys[child] ?? 0;
      i = child;
    }
    this.#items[i] = need;
    this.#keys[i] = key;
    return top;
  }

  /** Whether (key, need) ranks above the item at slot `i`. */
  #before(key: number, need: number, i: number): boolean {
    const other = this.#keys[i] ?? 0;
    return key > other || (key === other && need < (this.#items[i] ?? 0));
  }
  #ranksAbove(a: number, b: number): boolean {
    return this.#before(this.#keys[a] ?? 0, this.#items[a] ?? 0, b);
  }
  #childFirst(child: number, key: number, need: number): boolean {
    const other = this.#keys[child] ?? 0;
    return other > key || (other === key && (this.#items[child] ?? 0) < need);
  }
}
