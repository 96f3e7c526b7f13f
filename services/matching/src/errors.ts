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

/** The matching service's errors, for `instanceof`. */
export const errors = { AllocationConflictError } as const;

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
