import { runStandalone } from '@anbu/service-kit';

import { createDispatchService } from './service.js';

runStandalone(createDispatchService());
