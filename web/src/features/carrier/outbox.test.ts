import { describe, expect, it } from 'vitest';

import type { OutboxEntry, SendOutcome } from './outbox.js';
import { flushOutbox, Outbox, pendingStatusOf } from './outbox.js';

/** A Storage stand-in that keeps strings in a map, like localStorage. */
function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const stop = (stopId: string, status: 'arrived' | 'delivered' | 'not_home') =>
  ({ kind: 'stop', input: { stopId, status, at: '2026-11-25T10:00:00+09:00' } }) as const;

describe('Outbox', () => {
  it('should keep entries in order across a reload of the page', () => {
    const storage = memoryStorage();
    const outbox = new Outbox({ storage });
    outbox.add(stop('a', 'arrived'));
    outbox.add(stop('a', 'delivered'));
    const reloaded = new Outbox({ storage });
    expect(reloaded.entries().map((e) => e.kind === 'stop' && e.input.status)).toEqual([
      'arrived',
      'delivered',
    ]);
  });

  it('should start empty from a damaged stored value', () => {
    const storage = memoryStorage();
    storage.setItem('anbu.carrier.outbox', '{not json');
    expect(new Outbox({ storage }).entries()).toEqual([]);
  });
});

describe('flushOutbox', () => {
  it('should send in order and stop at the first connection failure', async () => {
    const outbox = new Outbox({ storage: memoryStorage() });
    outbox.add(stop('a', 'arrived'));
    outbox.add(stop('a', 'delivered'));
    outbox.add(stop('b', 'not_home'));
    const seen: string[] = [];
    let online = true;
    const send = (entry: OutboxEntry): Promise<SendOutcome> => {
      if (entry.kind === 'stop') seen.push(`${entry.input.stopId}:${entry.input.status}`);
      const outcome = online ? 'sent' : 'offline';
      if (seen.length === 2) online = false;
      return Promise.resolve(outcome);
    };
    expect(await flushOutbox({ outbox, send })).toEqual({ sent: 2, refused: [], stalled: true });
    expect(outbox.entries()).toHaveLength(1);
    online = true;
    expect(await flushOutbox({ outbox, send })).toEqual({ sent: 1, refused: [], stalled: false });
    expect(seen).toEqual(['a:arrived', 'a:delivered', 'b:not_home', 'b:not_home']);
    expect(outbox.entries()).toEqual([]);
  });

  it('should take out and report an entry the gateway refuses, and go on with the rest', async () => {
    const outbox = new Outbox({ storage: memoryStorage() });
    const bad = outbox.add(stop('a', 'delivered'));
    outbox.add(stop('b', 'delivered'));
    const result = await flushOutbox({
      outbox,
      send: (entry) => Promise.resolve(entry.id === bad.id ? 'refused' : 'sent'),
    });
    expect(result).toEqual({ sent: 1, refused: [bad], stalled: false });
    expect(outbox.entries()).toEqual([]);
  });
});

describe('pendingStatusOf', () => {
  it("should give a stop's latest queued status", () => {
    const outbox = new Outbox({ storage: memoryStorage() });
    outbox.add(stop('a', 'arrived'));
    outbox.add(stop('b', 'not_home'));
    outbox.add(stop('a', 'delivered'));
    expect(pendingStatusOf(outbox.entries(), 'a')).toBe('delivered');
    expect(pendingStatusOf(outbox.entries(), 'c')).toBeUndefined();
  });
});
