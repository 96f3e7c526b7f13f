/** The ciphertext could not be read: wrong key, tampered data, or not our format. */
export class DecryptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DecryptionError';
  }
}

/** The key is not 32 bytes of base64. */
export class InvalidEncryptionKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEncryptionKeyError';
  }
}

/** Every error class of the households service, for `instanceof` checks. */
export const errors = Object.freeze({ DecryptionError, InvalidEncryptionKeyError });
