import type { Migrations } from '@anbu/db';

import * as createGateway from './2026-11-25T17-00-00_create_gateway.js';
import * as apiKeyFeeds from './2026-11-26T00-00-00_api_key_feeds.js';
import * as auditDetail from './2026-11-26T03-00-00_audit_detail.js';

/** The gateway's migrations, in name order, for `migrateToLatest({ schema: 'gateway' })`. */
export const migrations: Migrations = Object.freeze({
  '2026-11-25T17-00-00_create_gateway': createGateway,
  '2026-11-26T00-00-00_api_key_feeds': apiKeyFeeds,
  '2026-11-26T03-00-00_audit_detail': auditDetail,
});
