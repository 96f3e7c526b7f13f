import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { DecryptionError, InvalidEncryptionKeyError } from '../errors.js';

/** Key length of AES-256 in bytes. */
export const ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
/** Ciphertexts written before key ids: `v1.<iv>.<tag>.<ciphertext>` (no key id). */
const LEGACY_FORMAT = 'v1';
/** `v2.<keyId>.<iv>.<tag>.<ciphertext>`: the id of the key it was sealed with comes first. */
const FORMAT = 'v2';

/** Encrypts and decrypts JSON values with AES-256-GCM, bound to one record. */
export interface FieldCipher {
  /** `v2.<keyId>.<iv>.<tag>.<ciphertext>` in base64url under the current key; a fresh IV per call. */
  encrypt(value: unknown): string;
  /** Decrypts with whichever key of the ring the ciphertext names (or, for `v1`, any). */
  decrypt(ciphertext: string): unknown;
}

/**
 * The keys a cipher holds: the current one (every new ciphertext) and older ones that still
 * decrypt until a rotation has re-encrypted every row (see `rotateEncryptionKey`).
 */
export interface EncryptionKeyring {
  readonly current: Buffer;
  readonly previous?: readonly Buffer[] | undefined;
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

/** Parses `ANBU_ENCRYPTION_KEYS_PREVIOUS`: keys as for {@link parseEncryptionKey}, comma-separated. */
export function parseEncryptionKeys(encoded: string | undefined): Buffer[] {
  return (encoded ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(parseEncryptionKey);
}

/** A new random key, base64-encoded, for `ANBU_ENCRYPTION_KEY`. */
export function generateEncryptionKey(): string {
  return randomBytes(ENCRYPTION_KEY_BYTES).toString('base64');
}

/**
 * The id a ciphertext records for its key: 12 hex digits of a SHA-256 over a label and the key.
 * It names the key without revealing it, and needs no configuration of its own.
 */
export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('anbu-field-key\u0000').update(key).digest('hex').slice(0, 12);
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new InvalidEncryptionKeyError(`key must be ${ENCRYPTION_KEY_BYTES} bytes`);
  }
  return Buffer.from(key);
}

function open(
  secret: Buffer,
  aad: Buffer,
  sealed: { iv: string; tag: string; body: string },
): unknown {
  const { iv, tag, body } = sealed;
  const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(iv, 'base64url'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

/** A cipher over a keyring: {@link FieldCipher} per record, and the key ids it knows. */
export interface RecordCipher {
  forRecord(recordId: string): FieldCipher;
  /** The id of the key new ciphertexts are sealed with. */
  readonly currentKeyId: string;
  /** The key id a stored ciphertext names (`undefined` for a `v1` one, which names none). */
  keyIdOf(ciphertext: string): string | undefined;
}

/**
 * A {@link RecordCipher} over `key` (or a keyring: the current key and previous ones). The
 * record id is bound as additional data, so a ciphertext copied onto another row fails to
 * decrypt instead of showing the wrong person.
 * @example
 * const cipher = createFieldCipher({ current: newKey, previous: [oldKey] });
 * const stored = cipher.forRecord(householdId).encrypt({ name: '홍길동' }); // 'v2.<newKeyId>.…'
 */
export function createFieldCipher(key: Buffer | EncryptionKeyring): RecordCipher {
  const ring = Buffer.isBuffer(key) ? { current: key, previous: [] } : key;
  const current = checkKey(ring.current);
  const currentKeyId = encryptionKeyId(current);
  const keys = new Map<string, Buffer>([[currentKeyId, current]]);
  for (const old of ring.previous ?? []) keys.set(encryptionKeyId(old), checkKey(old));

  return Object.freeze({
    currentKeyId,
    keyIdOf(ciphertext: string) {
      const [format, keyId] = ciphertext.split('.');
      return format === FORMAT ? keyId : undefined;
    },
    forRecord(recordId: string): FieldCipher {
      const aad = Buffer.from(recordId, 'utf8');
      return {
        encrypt(value) {
          const iv = randomBytes(IV_BYTES);
          const cipher = createCipheriv('aes-256-gcm', current, iv);
          cipher.setAAD(aad);
          const body = Buffer.concat([
            cipher.update(JSON.stringify(value), 'utf8'),
            cipher.final(),
          ]);
          const tag = cipher.getAuthTag();
          return [
            FORMAT,
            currentKeyId,
            ...[iv, tag, body].map((b) => b.toString('base64url')),
          ].join('.');
        },
        decrypt(ciphertext) {
          const parts = ciphertext.split('.');
          const [format] = parts;
          // v2 names its key; a v1 ciphertext predates key ids, so every key of the ring is tried.
          const [candidates, iv, tag, body] =
            format === FORMAT && parts.length === 5
              ? [[keys.get(parts[1] ?? '')], parts[2], parts[3], parts[4]]
              : format === LEGACY_FORMAT && parts.length === 4
                ? [[...keys.values()], parts[1], parts[2], parts[3]]
                : [[], undefined, undefined, undefined];
          if (iv === undefined || tag === undefined || body === undefined) {
            throw new DecryptionError('not an Anbu field ciphertext');
          }
          let failure: unknown = new Error('no key of the keyring has this key id');
          for (const secret of candidates) {
            if (!secret) continue;
            try {
              return open(secret, aad, { iv, tag, body });
            } catch (cause) {
              failure = cause;
            }
          }
          // Never include the plaintext or key in the message: it ends up in logs.
          throw new DecryptionError(
            'could not decrypt a sensitive field (wrong key or tampered data)',
            { cause: failure },
          );
        },
      };
    },
  });
}
