import { z } from 'zod';

import type { ServiceName } from './services.js';
import { actorSchema } from './actor.js';

/**
 * Whether a method changes state (`mutation`: the gateway requires an idempotency key and maps it
 * to a tRPC mutation / REST POST) or only reads (`query`).
 */
export const RPC_KINDS = ['query', 'mutation'] as const;
export type RpcKind = (typeof RPC_KINDS)[number];

/** A request/reply method `anbu.rpc.<service>.<method>`, with its input and output schemas. */
export interface RpcDefinition<
  TInput extends z.ZodType = z.ZodType,
  TOutput extends z.ZodType = z.ZodType,
> {
  readonly service: ServiceName;
  readonly method: string;
  readonly kind: RpcKind;
  readonly subject: string;
  readonly input: TInput;
  readonly output: TOutput;
}

export type RpcInput<D extends RpcDefinition> = z.input<D['input']>;
export type RpcParsedInput<D extends RpcDefinition> = z.output<D['input']>;
export type RpcOutput<D extends RpcDefinition> = z.output<D['output']>;

/**
 * Declares an RPC method.
 * @example
 * export const health = defineRpc({ service: 'care', method: 'health', input: z.object({}), output: healthSchema });
 */
export function defineRpc<
  const TInput extends z.ZodType,
  const TOutput extends z.ZodType,
>(options: {
  service: ServiceName;
  method: string;
  /** Default `query`. */
  kind?: RpcKind;
  input: TInput;
  output: TOutput;
}): RpcDefinition<TInput, TOutput> {
  if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/.test(options.method)) {
    throw new TypeError(`rpc method "${options.method}" must be camelCase words separated by dots`);
  }
  return Object.freeze({
    ...options,
    kind: options.kind ?? 'query',
    subject: `anbu.rpc.${options.service}.${options.method}`,
  });
}

/** What a caller sends: the input plus who is asking and, for mutations, an idempotency key. */
export const rpcRequestSchema = z.object({
  input: z.unknown(),
  actor: actorSchema,
  idempotencyKey: z.string().min(8).max(200).optional(),
  /** The caller's deadline, epoch ms: a server that picks a request up after it skips it. */
  deadline: z.number().int().positive().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

/** Error codes a service may answer with; the gateway maps each to one tRPC/HTTP code. */
export const RPC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNPROCESSABLE',
  'PRECONDITION_FAILED',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const rpcErrorCodeSchema = z.enum(RPC_ERROR_CODES);
export type RpcErrorCode = z.infer<typeof rpcErrorCodeSchema>;

/** One invalid field: its path (e.g. `items.0.quantity`) and what is wrong with it. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const rpcErrorSchema = z.object({
  code: rpcErrorCodeSchema,
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

/** The reply of every RPC: a result or an error, never a bare exception over the wire. */
export const rpcReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: rpcErrorSchema }),
]);
export type RpcReply = z.infer<typeof rpcReplySchema>;

/** Flattens zod issues into field paths a person can read. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
