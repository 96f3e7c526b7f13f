import type { Logger } from '@anbu/db';

import type { EventRoute } from '../bus.js';
import { backoffMs, dispatchEvent } from '../internal/dispatch-event.js';

/** One stored event of the in-process log. */
export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: string;
}

/** The log a durable reads from, owned by the bus. */
export interface MessageLog {
  /** The message with this sequence number, or undefined if trimmed or not yet published. */
  at(seq: number): StoredMessage | undefined;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

interface Replica {
  readonly routes: ReadonlyMap<string, EventRoute>;
  readonly concurrency: number;
  readonly inFlight: Set<Promise<void>>;
  stopped: boolean;
}

/**
 * A durable consumer of the in-process bus, with JetStream's semantics: it starts at the first
 * retained message, remembers its position across stop/start, redelivers after a failed
 * attempt with backoff, gives up after `maxDeliver` and spreads work over its replicas.
 */
export class Durable {
  readonly name: string;
  readonly subjects: ReadonlySet<string>;
  readonly #log: MessageLog;
  readonly #logger: Logger;
  readonly #maxDeliver: number;
  readonly #retryBaseMs: number;
  readonly #replicas: Replica[] = [];
  readonly #ready: number[] = [];
  readonly #attempts = new Map<number, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #nextSeq = 1;
  #turn = 0;

  constructor(options: {
    name: string;
    subjects: ReadonlySet<string>;
    log: MessageLog;
    logger: Logger;
    maxDeliver: number;
    retryBaseMs: number;
  }) {
    this.name = options.name;
    this.subjects = options.subjects;
    this.#log = options.log;
    this.#logger = options.logger;
    this.#maxDeliver = options.maxDeliver;
    this.#retryBaseMs = options.retryBaseMs;
  }

  /** Adds a replica; returns the function that stops it and waits for its in-flight work. */
  attach(routes: ReadonlyMap<string, EventRoute>, concurrency: number): () => Promise<void> {
    const replica: Replica = { routes, concurrency, inFlight: new Set(), stopped: false };
    this.#replicas.push(replica);
    this.pump();
    return async () => {
      replica.stopped = true;
      this.#replicas.splice(this.#replicas.indexOf(replica), 1);
      await Promise.all(replica.inFlight);
      if (this.#replicas.length === 0) this.#clearTimers();
    };
  }

  /** Hands out every available message to replicas with a free slot. */
  pump(): void {
    for (;;) {
      const replica = this.#freeReplica();
      if (!replica) return;
      const seq = this.#nextMessage();
      if (seq === undefined) return;
      const message = this.#log.at(seq);
      if (!message) continue;
      const work = this.#deliver(replica, message).finally(() => {
        replica.inFlight.delete(work);
        this.pump();
      });
      replica.inFlight.add(work);
    }
  }

  #freeReplica(): Replica | undefined {
    for (let i = 0; i < this.#replicas.length; i++) {
      const replica = this.#replicas[(this.#turn + i) % this.#replicas.length];
      if (replica && !replica.stopped && replica.inFlight.size < replica.concurrency) {
        this.#turn = (this.#turn + i + 1) % this.#replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  #nextMessage(): number | undefined {
    const redelivery = this.#ready.shift();
    if (redelivery !== undefined) return redelivery;
    this.#nextSeq = Math.max(this.#nextSeq, this.#log.firstSeq);
    while (this.#nextSeq <= this.#log.lastSeq) {
      const seq = this.#nextSeq++;
      const message = this.#log.at(seq);
      if (message && this.subjects.has(message.subject)) return seq;
    }
    return undefined;
  }

  async #deliver(replica: Replica, message: StoredMessage): Promise<void> {
    const attempt = (this.#attempts.get(message.seq) ?? 0) + 1;
    this.#attempts.set(message.seq, attempt);
    const fields = { consumer: this.name, subject: message.subject, seq: message.seq, attempt };
    try {
      const outcome = await dispatchEvent(replica.routes, message.data, {
        attempt,
        consumer: this.name,
      });
      this.#attempts.delete(message.seq);
      if (outcome.kind === 'invalid') {
        this.#logger.warn({ ...fields, reason: outcome.reason }, 'invalid event terminated');
      }
    } catch (error) {
      if (attempt >= this.#maxDeliver) {
        this.#attempts.delete(message.seq);
        this.#logger.error({ ...fields, err: error }, 'event handler failed; giving up');
        return;
      }
      const delay = backoffMs(attempt, this.#retryBaseMs);
      this.#logger.warn({ ...fields, err: error, retryInMs: delay }, 'event handler failed');
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#ready.push(message.seq);
        this.pump();
      }, delay);
      this.#timers.add(timer);
    }
  }

  #clearTimers(): void {
    // Pending retries go back to the ready queue so that a later replica picks them up.
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const seq of this.#attempts.keys()) if (!this.#ready.includes(seq)) this.#ready.push(seq);
  }
}
