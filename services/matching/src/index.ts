export { createMatchingService } from './service.js';
export type { MatchingServiceOptions } from './service.js';
export { SUPPLY_CONSUMER } from './events.js';
export type { MatchingDatabase } from './repo/schema.js';
