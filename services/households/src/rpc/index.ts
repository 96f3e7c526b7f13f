import type { RpcRoute } from '@anbu/bus';
import type { AnswerSeal } from '@anbu/service-kit';
import { withIdempotencyKey } from '@anbu/service-kit';

import type { HouseholdsDeps } from './deps.js';
import { consentRoutes } from './consents.js';
import { directoryRoutes } from './directory.js';
import { householdRoutes } from './households.js';
import { importFileRoutes } from './import-file.js';
import { importRoutes } from './import.js';
import { needRoutes } from './needs.js';
import { programRoutes } from './programs.js';

/** Every RPC handler of the households service, as closures over its dependencies. */
export function createRpc(deps: HouseholdsDeps): RpcRoute[] {
  const routes = [
    ...householdRoutes(deps),
    ...consentRoutes(deps),
    ...programRoutes(deps),
    ...directoryRoutes(deps),
    ...importRoutes(deps),
    ...importFileRoutes(deps),
    ...needRoutes(deps),
  ];
  // Every mutation answers a retried idempotency key the same, and refuses it for another request.
  // Answers carry names, addresses and notes: the replay copy is encrypted like the records.
  const sealed: AnswerSeal = {
    seal: (answer, key) => deps.cipher.forRecord(`idempotency:${key}`).encrypt(answer),
    open: (stored, key) => deps.cipher.forRecord(`idempotency:${key}`).decrypt(String(stored)),
  };
  return routes.map((route) => withIdempotencyKey(deps.db, route, sealed));
}

export type { HouseholdsDeps } from './deps.js';
