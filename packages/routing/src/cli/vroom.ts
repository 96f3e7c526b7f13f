import type { RoutingProblemInput } from '@anbu/contracts/routing';

import { InputFormatError } from '../errors.js';

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Renames VROOM's snake_case keys to the contract's camelCase, recursively. */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = k === 'matrices' ? v : camel(v);
  }
  return out;
}

function place(x: Json): void {
  // VROOM's legacy `amount` on jobs means a delivery.
  if ('amount' in x && !('delivery' in x) && !('pickup' in x)) {
    x['delivery'] = x['amount'];
    delete x['amount'];
  }
}

/**
 * Reads a VROOM-style problem (jobs, shipments, vehicles, optional `matrices` or legacy `matrix`)
 * into the contract's input shape; validation happens in `parseProblem`.
 */
export function parseVroom(raw: unknown): RoutingProblemInput {
  if (!isObject(raw)) throw new InputFormatError('vroom: the problem must be a JSON object');
  const problem = camel(raw) as Json;
  const jobs = Array.isArray(problem['jobs']) ? (problem['jobs'] as unknown[]) : [];
  for (const j of jobs) if (isObject(j)) place(j);
  const vehicles = Array.isArray(problem['vehicles']) ? (problem['vehicles'] as unknown[]) : [];
  for (const v of vehicles) {
    if (!isObject(v) || !isObject(v['costs'])) continue;
    const costs = v['costs'];
    // VROOM's per_hour default is 3600 and fixed 0; keep explicit values only.
    v['costs'] = { fixed: costs['fixed'] ?? 0, perHour: costs['perHour'] ?? 3600, perKm: costs['perKm'] ?? 0 };
  }
  if (Array.isArray(raw['matrix']) && !problem['matrices']) problem['matrices'] = { car: { durations: raw['matrix'] } };
  delete problem['matrix'];
  return problem as RoutingProblemInput;
}
