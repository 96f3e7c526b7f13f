import { runStandalone } from '@anbu/service-kit';

import { env, travel } from './env.js';
import { createDispatchService } from './service.js';

runStandalone(
  createDispatchService({
    osrmUrl: env.OSRM_URL,
    travel,
    ...(env.DISPATCH_PLANNING_WORKERS ? { workers: env.DISPATCH_PLANNING_WORKERS } : {}),
  }),
);
