export {
  createMemoryBus,
  DEFAULT_DEDUPE_WINDOW_MS,
  DEFAULT_MAX_RETAINED,
  DEFAULT_MEMORY_RETRY_BASE_MS,
  DEFAULT_MAX_DELIVER,
  DEFAULT_CONCURRENCY,
} from './memory-bus.js';
export type { MemoryBusOptions } from './memory-bus.js';
