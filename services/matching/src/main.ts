import { runStandalone } from '@anbu/service-kit';

import { createMatchingService } from './service.js';

runStandalone(createMatchingService());
