export { on, handle, DEFAULT_RPC_TIMEOUT_MS } from './bus.js';
export type {
  Bus,
  ConsumeOptions,
  Consumer,
  DeliveryInfo,
  EventHandler,
  EventRoute,
  RequestOptions,
  RpcContext,
  RpcHandler,
  RpcRoute,
  Server,
} from './bus.js';
export {
  errors,
  RpcError,
  RpcRemoteError,
  RpcTimeoutError,
  RpcNoRespondersError,
  PublishTimeoutError,
  InvalidReplyError,
  InvalidEventError,
  BusClosedError,
  NatsServerNotFoundError,
} from './errors.js';
