import { randomUUID } from 'node:crypto';

import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { HouseholdsDatabase } from './repo/schema.js';
import { createFieldCipher } from './crypto/field-cipher.js';
import { createConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc/index.js';

export interface HouseholdsServiceOptions {
  /** The AES-256-GCM key for personal data (32 bytes; see `parseEncryptionKey`). */
  readonly encryptionKey: Buffer;
  /** Older keys that still decrypt until `rotate-key` has re-encrypted every row. */
  readonly previousEncryptionKeys?: readonly Buffer[];
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

/**
 * The households service: organisations, districts, memberships, households (personal data
 * encrypted at rest), consents, programs, enrolments and needs; takes care's need requests up.
 * @example
 * const households = createHouseholdsService({ encryptionKey: parseEncryptionKey(env.ANBU_ENCRYPTION_KEY) });
 * await startService(households, { db, bus, log });
 */
export function createHouseholdsService(
  options: HouseholdsServiceOptions,
): ServiceDefinition<HouseholdsDatabase> {
  const cipher = createFieldCipher({
    current: options.encryptionKey,
    previous: options.previousEncryptionKeys,
  });
  const now = options.now ?? (() => new Date());
  return defineService<HouseholdsDatabase>({
    name: 'households',
    migrations,
    start: ({ db, log, outbox }) => {
      const wake = () => outbox.wake();
      return Promise.resolve({
        routes: createRpc({ db, cipher, log, now, wake }),
        consumers: createConsumers({ db, log, wake, newId: randomUUID }),
      });
    },
  });
}
