export { createDonationsService } from './service.js';
export type { DonationsDatabase } from './repo/schema.js';
