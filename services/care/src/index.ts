export { createCareService } from './service.js';
export { newAlert, SEVERITY_RANK } from './domain/alert.js';
export { insertAlert } from './repo/alerts.js';
export { HOUSEHOLDS_CONSUMER } from './events.js';
export type { CareDatabase } from './repo/schema.js';
