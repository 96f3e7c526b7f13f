/** Progress of a running solve, reported through `onProgress`. */
export interface Progress {
  readonly elapsedMs: number;
  readonly cost: number;
  readonly distance: number;
  readonly vehicles: number;
  readonly unassigned: number;
  readonly iterations: number;
  readonly feasible: boolean;
  /** `compile`: the problem is being prepared (matrix, neighbours); no plan yet. */
  readonly phase: 'compile' | 'construction' | 'fleet' | 'cost' | 'done';
}

/** Options of {@link Budget}. */
export interface BudgetOptions {
  readonly clock: () => number;
  readonly timeLimitMs: number;
  readonly iterations: number;
  readonly signal?: AbortSignal | undefined;
  /** Polled every iteration; true stops the run (e.g. a shared-memory flag set by another thread). */
  readonly shouldStop?: (() => boolean) | undefined;
}

/**
 * Iteration and time accounting: which fraction of the run is spent (iterations take precedence,
 * so that a seed and an iteration count give the same plan on any machine) and when to stop.
 */
export class Budget {
  readonly #clock: () => number;
  readonly #startedAt: number;
  readonly #timeLimitMs: number;
  readonly #iterations: number;
  readonly #signal: AbortSignal | undefined;
  readonly #shouldStop: (() => boolean) | undefined;
  iteration = 0;

  constructor({ clock, timeLimitMs, iterations, signal, shouldStop }: BudgetOptions) {
    this.#shouldStop = shouldStop;
    this.#clock = clock;
    this.#startedAt = clock();
    this.#timeLimitMs = timeLimitMs;
    this.#iterations = iterations;
    this.#signal = signal;
  }

  elapsedMs(): number {
    return this.#clock() - this.#startedAt;
  }

  /** Share of the run spent, in [0, 1]. */
  fraction(): number {
    if (Number.isFinite(this.#iterations)) return this.iteration / this.#iterations;
    return this.elapsedMs() / this.#timeLimitMs;
  }

  /** Whether the run must stop: iterations done, time up, or aborted. */
  exhausted(): boolean {
    return (
      this.iteration >= this.#iterations ||
      this.elapsedMs() >= this.#timeLimitMs ||
      this.aborted()
    );
  }

  aborted(): boolean {
    return this.#signal?.aborted === true || this.#shouldStop?.() === true;
  }
}
