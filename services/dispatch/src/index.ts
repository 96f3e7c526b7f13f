export { createDispatchService } from './service.js';
export type { DispatchDatabase } from './repo/schema.js';
