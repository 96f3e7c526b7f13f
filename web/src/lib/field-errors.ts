import { TRPCClientError } from '@trpc/client';

/** Field path (`login`, `items.0.quantity`) → the server's message for it. */
export type FieldErrors = Readonly<Record<string, string>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Reads the per-field messages of a rejected input from the gateway's error shape,
 * `data.fieldErrors: [{ path: 'login', message: '…' }]` (the contracts' `FieldIssue`), keeping
 * the first message per field.
 */
export function readFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (!isRecord(data) || !Array.isArray(data['fieldErrors'])) return {};
  const result: Record<string, string> = {};
  for (const issue of data['fieldErrors'] as unknown[]) {
    if (!isRecord(issue)) continue;
    const { path, message } = issue;
    if (typeof path === 'string' && typeof message === 'string') result[path] ??= message;
  }
  return result;
}
