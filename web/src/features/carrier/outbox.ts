import type { StopStatus, VisitReportInput } from '@anbu/contracts';

/** A stop status report as the carrier made it (the gateway's `dispatch.updateStop` input). */
export interface StopReport {
  readonly stopId: string;
  readonly status: Exclude<StopStatus, 'planned'>;
  readonly at: string;
  readonly note?: string;
}

/** One update waiting to reach the gateway, in the order the carrier made them. */
export type OutboxEntry =
  | {
      readonly id: string;
      readonly kind: 'stop';
      readonly queuedAt: string;
      readonly input: StopReport;
    }
  | {
      readonly id: string;
      readonly kind: 'visit';
      readonly queuedAt: string;
      readonly input: VisitReportInput;
    };

/** What an entry is without its bookkeeping, as a screen hands it in. */
export type OutboxUpdate =
  | { readonly kind: 'stop'; readonly input: StopReport }
  | { readonly kind: 'visit'; readonly input: VisitReportInput };

/** Where the outbox is kept: `localStorage` in the browser, a map in tests. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The storage key of the carrier's outbox. */
export const DEFAULT_OUTBOX_KEY = 'anbu.carrier.outbox';

/**
 * A durable, ordered queue of the carrier's updates: kept in storage so that a closed tab or a
 * phone that lost its connection keeps them, sent in order by {@link flushOutbox}.
 */
export class Outbox {
  readonly #storage: OutboxStorage;
  readonly #key: string;
  readonly #listeners = new Set<() => void>();
  #entries: readonly OutboxEntry[];

  constructor({ storage, key = DEFAULT_OUTBOX_KEY }: { storage: OutboxStorage; key?: string }) {
    this.#storage = storage;
    this.#key = key;
    this.#entries = readEntries(storage.getItem(key));
  }

  /** The waiting entries, oldest first (the same array until the outbox changes). */
  entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  /** Queues an update behind the others. */
  add(update: OutboxUpdate, now: Date = new Date()): OutboxEntry {
    const entry = {
      ...update,
      id: crypto.randomUUID(),
      queuedAt: now.toISOString(),
    } as OutboxEntry;
    this.#write([...this.#entries, entry]);
    return entry;
  }

  /** Takes an entry out (sent, or refused for good). */
  remove(id: string): void {
    this.#write(this.#entries.filter((entry) => entry.id !== id));
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #write(entries: readonly OutboxEntry[]) {
    this.#entries = entries;
    this.#storage.setItem(this.#key, JSON.stringify(entries));
    for (const listener of this.#listeners) listener();
  }
}

function readEntries(raw: string | null): readonly OutboxEntry[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    // Written by this code only; a damaged value is dropped rather than crash the screen.
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
  } catch {
    return [];
  }
}

/** How sending one entry ended. */
export type SendOutcome = 'sent' | 'offline' | 'refused';

/** What a flush did. */
export interface FlushResult {
  readonly sent: number;
  /** Entries the gateway refused for good (taken out, so they do not block the rest). */
  readonly refused: readonly OutboxEntry[];
  /** Whether entries are still waiting because the connection failed. */
  readonly stalled: boolean;
}

/**
 * Sends the waiting entries one at a time, oldest first, so the gateway sees them in the order
 * the carrier made them. Stops at the first connection failure (the rest wait for the next
 * flush); an entry the gateway refuses for good is taken out and reported.
 */
export async function flushOutbox({
  outbox,
  send,
}: {
  outbox: Outbox;
  send: (entry: OutboxEntry) => Promise<SendOutcome>;
}): Promise<FlushResult> {
  let sent = 0;
  const refused: OutboxEntry[] = [];
  // Re-read the head each time: entries queued while a flush runs are sent by it too.
  for (let entry = outbox.entries()[0]; entry; entry = outbox.entries()[0]) {
    const outcome = await send(entry);
    if (outcome === 'offline') return { sent, refused, stalled: true };
    outbox.remove(entry.id);
    if (outcome === 'sent') sent += 1;
    else refused.push(entry);
  }
  return { sent, refused, stalled: false };
}

/** The status a stop shows: its latest queued report, else the gateway's. */
export function pendingStatusOf(
  entries: readonly OutboxEntry[],
  stopId: string,
): StopReport['status'] | undefined {
  let status: StopReport['status'] | undefined;
  for (const entry of entries) {
    if (entry.kind === 'stop' && entry.input.stopId === stopId) status = entry.input.status;
  }
  return status;
}
