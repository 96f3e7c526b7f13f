import type { CheckInSignalInput } from '@anbu/contracts';

/** Delivers one signal (through the REST route, or `signal.ingest` on the bus). */
export type SendSignal = (signal: CheckInSignalInput, idempotencyKey: string) => Promise<void>;

/** What a feeding run did: it never throws, it reports (STYLE §20). */
export interface FeedReport {
  readonly sent: number;
  readonly failed: number;
  /** The first few failures, for the operator. */
  readonly errors: readonly string[];
}

/**
 * Sends planned signals in time order, one at a time (a household's retries must arrive in
 * order). Each carries an idempotency key derived from the run and its position, so feeding
 * the same plan twice records each signal once.
 */
export async function feedSignals(options: {
  signals: readonly CheckInSignalInput[];
  send: SendSignal;
  runId: string;
}): Promise<FeedReport> {
  let sent = 0;
  const errors: string[] = [];
  for (const [index, signal] of options.signals.entries()) {
    try {
      await options.send(signal, `sim:${options.runId}:${index}`);
      sent++;
    } catch (error) {
      if (errors.length < 10) errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { sent, failed: options.signals.length - sent, errors };
}
