/**
 * A run's allocations no longer fit what is left (another run took the units first, a lot
 * expired or a need was cancelled meanwhile): the run is rolled back and may be planned again.
 */
export class AllocationConflictError extends Error {
  override readonly name = 'AllocationConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * An event about a lot arrived before the lot's `lot.received` was handled: thrown so that the
 * bus delivers it again (with backoff) once the lot is in the view.
 */
export class LotNotInViewError extends Error {
  override readonly name = 'LotNotInViewError';
  readonly lotId: string;
  constructor(lotId: string, options?: ErrorOptions) {
    super(`lot ${lotId} is not in the view yet (its lot.received comes later)`, options);
    this.lotId = lotId;
  }
}

/** The matching service's errors, for `instanceof`. */
export const errors = { AllocationConflictError, LotNotInViewError } as const;

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

/** Whether a database error means "another run got there first" rather than a bug. */
export function isRaceLost(error: unknown): boolean {
  if (error instanceof AllocationConflictError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === CHECK_VIOLATION || code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
}

/** Whether a database error is a second insert of the same run id (a retried call). */
export function isDuplicateRun(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === UNIQUE_VIOLATION;
}
