export { createHouseholdsService } from './service.js';
export type { HouseholdsServiceOptions } from './service.js';
export {
  createFieldCipher,
  generateEncryptionKey,
  parseEncryptionKey,
  ENCRYPTION_KEY_BYTES,
} from './crypto/field-cipher.js';
export { errors, DecryptionError, InvalidEncryptionKeyError } from './errors.js';
export type { FieldCipher } from './crypto/field-cipher.js';
export type { HouseholdsDatabase } from './repo/schema.js';
