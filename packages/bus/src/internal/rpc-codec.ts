import type { FieldIssue, RpcDefinition, RpcReply, RpcRequest } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { rpcReplySchema, rpcRequestSchema, toFieldIssues } from '@anbu/contracts';

import type { RequestOptions, RpcRoute } from '../bus.js';
import { InvalidReplyError, RpcError, RpcRemoteError } from '../errors.js';

/** Builds the wire request of a call (the input is parsed by the server, once). */
export function encodeRequest(input: unknown, options: RequestOptions, timeoutMs: number): string {
  const request: RpcRequest = {
    input,
    actor: options.actor,
    idempotencyKey: options.idempotencyKey,
    deadline: Date.now() + timeoutMs,
  };
  return JSON.stringify(request);
}

/** Parses a reply against the RPC's output schema: the output, or a thrown typed error. */
export function decodeReply(rpc: RpcDefinition, raw: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new InvalidReplyError(rpc.subject, [{ path: '(root)', message: 'not JSON' }], { cause });
  }
  // An answer (an object with `ok: true`) is what the reply schema would let through as it is:
  // only its output needs parsing. Errors and anything else go through the reply schema.
  if (isAnswer(json)) return parseOutput(rpc, json.output);
  const reply = rpcReplySchema.safeParse(json);
  if (!reply.success) throw new InvalidReplyError(rpc.subject, toFieldIssues(reply.error));
  if (!reply.data.ok) throw new RpcRemoteError({ subject: rpc.subject, ...reply.data.error });
  return parseOutput(rpc, reply.data.output);
}

function isAnswer(json: unknown): json is { ok: true; output?: unknown } {
  return (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    'ok' in json &&
    json.ok === true
  );
}

function parseOutput(rpc: RpcDefinition, raw: unknown): unknown {
  const output = rpc.output.safeParse(raw);
  if (!output.success) throw new InvalidReplyError(rpc.subject, toFieldIssues(output.error));
  return output.data;
}

/** What the serving side does with one raw request; `undefined` means "do not answer". */
export async function serveRequest(
  route: RpcRoute,
  raw: string,
  log: Logger,
): Promise<string | undefined> {
  const reply = await answer(route, raw, log);
  return reply === undefined ? undefined : JSON.stringify(reply);
}

async function answer(route: RpcRoute, raw: string, log: Logger): Promise<RpcReply | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return badRequest([{ path: '(root)', message: 'request is not JSON' }]);
  }
  const request = rpcRequestSchema.safeParse(json);
  if (!request.success) return badRequest(toFieldIssues(request.error));
  const { deadline, actor, idempotencyKey } = request.data;
  if (deadline !== undefined && Date.now() > deadline) {
    // The caller has given up: doing the work now would only surprise it later.
    log.warn({ subject: route.rpc.subject }, 'rpc request picked up after its deadline; skipped');
    return undefined;
  }
  const input = route.rpc.input.safeParse(request.data.input);
  if (!input.success) {
    // Paths are the caller's own field names (`items.0.quantity`), ready for a form.
    return badRequest(toFieldIssues(input.error));
  }
  try {
    const output: unknown = await route.handle(input.data, { actor, idempotencyKey });
    return { ok: true, output };
  } catch (error) {
    if (error instanceof RpcError) {
      const issues = error.issues ? [...error.issues] : undefined;
      return { ok: false, error: { code: error.code, message: error.message, issues } };
    }
    log.error({ err: error, subject: route.rpc.subject }, 'rpc handler failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
  }
}

function badRequest(issues: FieldIssue[]): RpcReply {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return {
    ok: false,
    error: { code: 'BAD_REQUEST', message: `invalid request: ${summary}`, issues },
  };
}
