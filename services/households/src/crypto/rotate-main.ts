import { createDb } from '@anbu/db';
import { createLogger } from '@anbu/service-kit';

import type { HouseholdsDatabase } from '../repo/schema.js';
import { readRotationEnv } from './env.js';
import { createFieldCipher, parseEncryptionKey, parseEncryptionKeys } from './field-cipher.js';
import { rotateEncryptionKey } from './rotate-encryption-key.js';

/**
 * `pnpm --filter @anbu/households rotate-key`: re-encrypts households' personal data under
 * ANBU_ENCRYPTION_KEY, decrypting with the keys of ANBU_ENCRYPTION_KEYS_PREVIOUS. Run it with
 * the services' DATABASE_URL (or ANBU_DATA_DIR for PGlite, with the embedded app stopped).
 * Exits 0 when every row is under the new key; run it again after an interruption.
 */
async function main(): Promise<void> {
  const log = createLogger({ service: 'households-key-rotation' });
  const env = readRotationEnv();
  const cipher = createFieldCipher({
    current: parseEncryptionKey(env.ANBU_ENCRYPTION_KEY),
    previous: parseEncryptionKeys(env.ANBU_ENCRYPTION_KEYS_PREVIOUS),
  });
  const handle = await createDb({ url: env.DATABASE_URL, dataDir: env.ANBU_DATA_DIR, log });
  try {
    const report = await rotateEncryptionKey({
      db: handle.forSchema<HouseholdsDatabase>('households'),
      cipher,
      batchSize: env.ANBU_ROTATION_BATCH,
      log,
    });
    log.info({ ...report }, report.complete ? 'key rotation complete' : 'key rotation incomplete');
    process.exitCode = report.complete ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  createLogger({ service: 'households-key-rotation' }).fatal({ err }, 'key rotation failed');
  process.exit(1);
});
