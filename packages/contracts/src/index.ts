export { ROLES, roleSchema, actorSchema, SYSTEM_ACTOR } from './core/actor.js';
export type { Role, Actor } from './core/actor.js';
export { envelopeBaseSchema, defineEvent } from './core/envelope.js';
export type { Envelope, EventDefinition, EventOf } from './core/envelope.js';
export {
  defineRpc,
  rpcRequestSchema,
  rpcReplySchema,
  rpcErrorSchema,
  rpcErrorCodeSchema,
  fieldIssueSchema,
  toFieldIssues,
  RPC_ERROR_CODES,
} from './core/rpc.js';
export type {
  RpcDefinition,
  RpcInput,
  RpcParsedInput,
  RpcOutput,
  RpcRequest,
  RpcReply,
  RpcError,
  RpcErrorCode,
  FieldIssue,
} from './core/rpc.js';
export { healthSchema, healthRpc } from './core/health.js';
export type { Health } from './core/health.js';
export { SERVICE_NAMES, serviceNameSchema } from './core/services.js';
export type { ServiceName } from './core/services.js';
