import type { FieldIssue } from '@anbu/contracts';
import { envelopeBaseSchema, toFieldIssues } from '@anbu/contracts';

import type { DeliveryInfo, EventRoute } from '../bus.js';

/** What happened to one delivered message. */
export type DispatchOutcome =
  | { readonly kind: 'handled'; readonly id: string; readonly type: string }
  | { readonly kind: 'invalid'; readonly reason: string; readonly issues: readonly FieldIssue[] };

/** Routes by event type, checked once when a consumer starts. */
export function routesByType(routes: readonly EventRoute[]): ReadonlyMap<string, EventRoute> {
  const byType = new Map<string, EventRoute>();
  for (const route of routes) {
    if (byType.has(route.event.type)) {
      throw new TypeError(`two handlers for event type ${route.event.type}`);
    }
    byType.set(route.event.type, route);
  }
  return byType;
}

/**
 * Parses a raw message with the schema of its event type and runs the handler. Invalid
 * messages come back as `invalid` (to be terminated, never retried); a throwing handler
 * throws (to be retried).
 */
export async function dispatchEvent(
  routes: ReadonlyMap<string, EventRoute>,
  raw: string,
  delivery: DeliveryInfo,
): Promise<DispatchOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return invalid('message is not JSON', []);
  }
  const base = envelopeBaseSchema.safeParse(json);
  if (!base.success) return invalid('not an event envelope', toFieldIssues(base.error));
  const route = routes.get(base.data.type);
  if (!route) return invalid(`no handler for event type ${base.data.type}`, []);
  const parsed = route.event.envelope.safeParse(json);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    return invalid(`invalid ${base.data.type} v${base.data.version}`, issues);
  }
  await route.handle(parsed.data, delivery);
  return { kind: 'handled', id: parsed.data.id, type: parsed.data.type };
}

function invalid(reason: string, issues: readonly FieldIssue[]): DispatchOutcome {
  const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { kind: 'invalid', reason: detail ? `${reason}: ${detail}` : reason, issues };
}

/** Checks an outgoing envelope: a valid base envelope whose type matches the subject. */
export function checkOutgoing(subject: string, envelope: unknown): FieldIssue[] {
  const base = envelopeBaseSchema.safeParse(envelope);
  if (!base.success) return toFieldIssues(base.error);
  if (subject !== `anbu.${base.data.type}`) {
    return [{ path: 'type', message: `type ${base.data.type} does not belong on ${subject}` }];
  }
  return [];
}

/** Redelivery delay after the n-th failed attempt: `baseMs` doubling, capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
