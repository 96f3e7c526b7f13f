import { useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

import type { OutboxEntry, OutboxUpdate, SendOutcome } from './outbox.js';
import { errorCode, useTRPC, useTRPCClient } from '../../lib/trpc.js';
import { flushOutbox, Outbox } from './outbox.js';
import { useOnline } from './use-online.js';

/** Codes with which the gateway refuses an update for good: sending it again cannot help. */
const REFUSED_CODES = new Set(['BAD_REQUEST', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

/** How often waiting entries are tried again while the browser claims to be online. */
const RETRY_MS = 10_000;

let shared: Outbox | undefined;

/** The one outbox of this tab, kept in `localStorage`. */
function browserOutbox(): Outbox {
  shared ??= new Outbox({ storage: window.localStorage });
  return shared;
}

/** Whether a failed call means "try later" (no connection, server down, session gone). */
export function sendOutcomeOf(error: unknown): SendOutcome {
  if (!(error instanceof TRPCClientError)) return 'offline';
  return REFUSED_CODES.has(errorCode(error) ?? '') ? 'refused' : 'offline';
}

/**
 * The carrier's outbox as React state: the waiting updates, whether the browser is online,
 * `add` to queue an update (sent at once when possible), and the updates the gateway refused.
 * Waiting updates are sent in order when the connection returns and every 10 s meanwhile.
 */
export function useOutbox({ outbox = browserOutbox() }: { outbox?: Outbox } = {}) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const online = useOnline();
  const entries = useSyncExternalStore(
    (onChange) => outbox.subscribe(onChange),
    () => outbox.entries(),
  );
  const [refused, setRefused] = useState<readonly OutboxEntry[]>([]);
  const flushing = useRef(false);

  const send = useCallback(
    async (entry: OutboxEntry): Promise<SendOutcome> => {
      try {
        // The entry id is the idempotency key: a resend after a lost answer is the same update.
        const options = { context: { idempotencyKey: entry.id } };
        if (entry.kind === 'stop') await client.dispatch.updateStop.mutate(entry.input, options);
        else await client.care.reportVisit.mutate(entry.input, options);
        return 'sent';
      } catch (error) {
        return sendOutcomeOf(error);
      }
    },
    [client],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const result = await flushOutbox({ outbox, send });
      if (result.refused.length > 0) setRefused((old) => [...old, ...result.refused]);
      if (result.sent + result.refused.length > 0) {
        await queryClient.invalidateQueries({ queryKey: trpc.dispatch.myRoute.queryKey() });
      }
    } finally {
      flushing.current = false;
    }
  }, [outbox, send, queryClient, trpc]);

  useEffect(() => {
    if (!online || entries.length === 0) return;
    void flush();
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [online, entries, flush]);

  const add = useCallback((update: OutboxUpdate) => outbox.add(update), [outbox]);
  return { entries, online, add, refused, dismissRefused: () => setRefused([]) };
}
