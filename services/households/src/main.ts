import { runStandalone } from '@anbu/service-kit';

import { parseEncryptionKey, parseEncryptionKeys } from './crypto/field-cipher.js';
import { env } from './env.js';
import { createHouseholdsService } from './service.js';

runStandalone(
  createHouseholdsService({
    encryptionKey: parseEncryptionKey(env.ANBU_ENCRYPTION_KEY),
    previousEncryptionKeys: parseEncryptionKeys(env.ANBU_ENCRYPTION_KEYS_PREVIOUS),
  }),
);
