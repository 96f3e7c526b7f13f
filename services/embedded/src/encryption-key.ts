import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateEncryptionKey, parseEncryptionKey } from '@anbu/households';

/** The file in the data folder that holds the generated key. */
export const KEY_FILE = 'encryption.key';

/**
 * The households encryption key: the given one, or the one in `<dataDir>/encryption.key`,
 * generated (mode 0600) on first start. Losing that file makes the stored personal data
 * unreadable, which is why it sits beside the database it protects.
 */
export function loadOrCreateEncryptionKey(options: {
  dataDir: string;
  given?: string | undefined;
}): {
  key: Buffer;
  generated: boolean;
} {
  if (options.given) return { key: parseEncryptionKey(options.given), generated: false };
  const path = join(options.dataDir, KEY_FILE);
  if (existsSync(path))
    return { key: parseEncryptionKey(readFileSync(path, 'utf8').trim()), generated: false };
  mkdirSync(options.dataDir, { recursive: true });
  const encoded = generateEncryptionKey();
  // `wx`: never overwrite a key another start wrote in the meantime.
  writeFileSync(path, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
  return { key: parseEncryptionKey(encoded), generated: true };
}
