import type { RpcRoute } from '@anbu/bus';

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
  return [
    ...householdRoutes(deps),
    ...consentRoutes(deps),
    ...programRoutes(deps),
    ...directoryRoutes(deps),
    ...importRoutes(deps),
    ...importFileRoutes(deps),
    ...needRoutes(deps),
  ];
}

export type { HouseholdsDeps } from './deps.js';
