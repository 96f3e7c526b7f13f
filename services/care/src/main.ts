import { runStandalone } from '@anbu/service-kit';

import { createCareService } from './service.js';

runStandalone(createCareService());
