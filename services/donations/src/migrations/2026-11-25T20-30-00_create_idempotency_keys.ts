import { createIdempotencyKeysTable } from '@anbu/service-kit';

/** The idempotency keys of mutating calls (the table every service's wrapper keeps). */
export const createIdempotencyKeys = createIdempotencyKeysTable;
