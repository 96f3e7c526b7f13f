export {
  startNatsServer,
  findNatsServer,
  hasNatsServer,
  MIN_NATS_SERVER_VERSION,
} from './start-nats-server.js';
export type { NatsServer, StartNatsServerOptions } from './start-nats-server.js';
export { natsImplementation } from './bus-implementations.js';
export type { BusImplementation } from './bus-implementations.js';
export { readAllStreams } from './read-streams.js';
export type { StoredMessage } from './read-streams.js';
