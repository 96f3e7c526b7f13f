import { runStandalone } from '@anbu/service-kit';

import { env } from './env.js';
import { createLogNotifier } from './notify/log-notifier.js';
import { createWebhookNotifier } from './notify/webhook-notifier.js';
import { createCareService } from './service.js';

runStandalone(
  createCareService({
    sweepMs: env.CARE_SWEEP_MS,
    notifiers: (log) =>
      env.CARE_WEBHOOK_URL
        ? [
            createWebhookNotifier({
              url: env.CARE_WEBHOOK_URL,
              timeoutMs: env.CARE_WEBHOOK_TIMEOUT_MS,
            }),
          ]
        : [createLogNotifier({ log })],
  }),
);
