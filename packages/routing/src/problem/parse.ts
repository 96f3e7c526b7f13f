import { RoutingProblemSchema } from '@anbu/contracts/routing';
import type { RoutingProblem } from '@anbu/contracts/routing';

import { InvalidProblemError } from '../errors.js';

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

/** Parses untrusted input with the contract schema; the first issue becomes an {@link InvalidProblemError}. */
export function parseProblem(input: unknown): RoutingProblem {
  const result = RoutingProblemSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InvalidProblemError(formatPath(issue?.path ?? []), issue?.message ?? 'invalid', { cause: result.error });
}
