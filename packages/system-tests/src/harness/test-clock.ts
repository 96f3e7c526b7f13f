const MS_PER_DAY = 86_400_000;

/** A clock the services read instead of `new Date()`, which a test can move forward. */
export interface TestClock {
  /** The clock's current instant. */
  now(): Date;
  /** Moves the clock by `days` (fractional days allowed). */
  advanceDays(days: number): void;
  /** Sets the clock to `instant`. */
  set(instant: Date): void;
}

/**
 * A clock that runs with real time, shifted by whatever the test has advanced it: time still
 * passes (leases, timeouts), but "today" can be made next week to let stock expire.
 * @example
 * const clock = createTestClock();
 * clock.advanceDays(3); // lots expiring within three days are now past their date
 */
export function createTestClock(start: Date = new Date()): TestClock {
  let offsetMs = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offsetMs),
    advanceDays(days) {
      offsetMs += days * MS_PER_DAY;
    },
    set(instant) {
      offsetMs = instant.getTime() - Date.now();
    },
  };
}
