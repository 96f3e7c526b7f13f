import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { DecryptionError, InvalidEncryptionKeyError } from '../errors.js';

/** Key length of AES-256 in bytes. */
export const ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/** Encrypts and decrypts JSON values with one AES-256-GCM key. */
export interface FieldCipher {
  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh random IV per call. */
  encrypt(value: unknown): string;
  decrypt(ciphertext: string): unknown;
}

/** Parses a base64 (or base64url) key of {@link ENCRYPTION_KEY_BYTES} bytes. */
export function parseEncryptionKey(encoded: string): Buffer {
  const key = Buffer.from(
    encoded,
    encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64',
  );
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new InvalidEncryptionKeyError(
      `ANBU_ENCRYPTION_KEY must be ${ENCRYPTION_KEY_BYTES} bytes in base64 (got ${key.length})`,
    );
  }
  return key;
}

/** A new random key, base64-encoded, for `ANBU_ENCRYPTION_KEY`. */
export function generateEncryptionKey(): string {
  return randomBytes(ENCRYPTION_KEY_BYTES).toString('base64');
}

/**
 * A {@link FieldCipher} over `key`. The household id is bound as additional data, so a
 * ciphertext copied onto another row fails to decrypt instead of showing the wrong person.
 * @example
 * const cipher = createFieldCipher(parseEncryptionKey(env.ANBU_ENCRYPTION_KEY));
 * const stored = cipher.encrypt({ name: '홍길동' });
 */
export function createFieldCipher(key: Buffer): {
  forRecord(recordId: string): FieldCipher;
} {
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new InvalidEncryptionKeyError(`key must be ${ENCRYPTION_KEY_BYTES} bytes`);
  }
  const secret = Buffer.from(key);
  return Object.freeze({
    forRecord(recordId: string): FieldCipher {
      const aad = Buffer.from(recordId, 'utf8');
      return {
        encrypt(value) {
          const iv = randomBytes(IV_BYTES);
          const cipher = createCipheriv('aes-256-gcm', secret, iv);
          cipher.setAAD(aad);
          const body = Buffer.concat([
            cipher.update(JSON.stringify(value), 'utf8'),
            cipher.final(),
          ]);
          const tag = cipher.getAuthTag();
          return [FORMAT, iv, tag, body]
            .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
            .join('.');
        },
        decrypt(ciphertext) {
          const [format, iv, tag, body] = ciphertext.split('.');
          if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) {
            throw new DecryptionError('not an Anbu field ciphertext');
          }
          try {
            const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(iv, 'base64url'));
            decipher.setAAD(aad);
            decipher.setAuthTag(Buffer.from(tag, 'base64url'));
            const plain = Buffer.concat([
              decipher.update(Buffer.from(body, 'base64url')),
              decipher.final(),
            ]);
            return JSON.parse(plain.toString('utf8')) as unknown;
          } catch (cause) {
            // Never include the plaintext or key in the message: it ends up in logs.
            throw new DecryptionError(
              'could not decrypt a sensitive field (wrong key or tampered data)',
              { cause },
            );
          }
        },
      };
    },
  });
}

export type RecordCipher = ReturnType<typeof createFieldCipher>;
