export { createHouseholdsService } from './service.js';
export type { HouseholdsServiceOptions } from './service.js';
export {
  createFieldCipher,
  encryptionKeyId,
  generateEncryptionKey,
  parseEncryptionKey,
  ENCRYPTION_KEY_BYTES,
} from './crypto/field-cipher.js';
export { errors, DecryptionError, InvalidEncryptionKeyError } from './errors.js';
export { rotateEncryptionKey } from './crypto/rotate-encryption-key.js';
export type { RotationReport } from './crypto/rotate-encryption-key.js';
export type { EncryptionKeyring, FieldCipher, RecordCipher } from './crypto/field-cipher.js';
export type { HouseholdsDatabase } from './repo/schema.js';
