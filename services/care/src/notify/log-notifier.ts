import type { Logger } from '@anbu/db';

import type { Notifier } from './notifier.js';

/** Writes notifications to the log: the channel of the embedded mode and of development. */
export function createLogNotifier(options: { log: Logger }): Notifier {
  return {
    channel: 'log',
    send(message) {
      options.log.info({ notification: message }, 'notification');
      return Promise.resolve();
    },
  };
}
