import { runStandalone } from '@anbu/service-kit';

import { createDonationsService } from './service.js';

runStandalone(createDonationsService());
