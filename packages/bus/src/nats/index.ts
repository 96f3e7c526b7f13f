export {
  createNatsBus,
  DEFAULT_NATS_RETRY_BASE_MS,
  DEFAULT_NATS_MAX_DELIVER,
  DEFAULT_NATS_CONCURRENCY,
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_PUBLISH_TIMEOUT_MS,
} from './nats-bus.js';
export type { NatsBusOptions } from './nats-bus.js';
export {
  streamName,
  ensureStreams,
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_STREAM_MAX_AGE_MS,
} from './streams.js';
export type { StreamSettings } from './streams.js';
