import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DecryptionError, InvalidEncryptionKeyError } from '../errors.js';
import { createFieldCipher, generateEncryptionKey, parseEncryptionKey } from './field-cipher.js';

describe('createFieldCipher', () => {
  const cipher = createFieldCipher(randomBytes(32));

  it('should round-trip any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const record = cipher.forRecord('rec-1');
        expect(record.decrypt(record.encrypt(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 50 },
    );
  });

  it('should not show the plaintext and use a fresh IV each time', () => {
    const record = cipher.forRecord('rec-1');
    const a = record.encrypt({ name: '홍길동' });
    const b = record.encrypt({ name: '홍길동' });
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain(
      '홍길동',
    );
  });

  it('should refuse a ciphertext moved to another record, a tampered one, or another key', () => {
    const stored = cipher.forRecord('rec-1').encrypt({ name: '홍길동' });
    expect(() => cipher.forRecord('rec-2').decrypt(stored)).toThrow(DecryptionError);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => cipher.forRecord('rec-1').decrypt(tampered)).toThrow(DecryptionError);
    expect(() => createFieldCipher(randomBytes(32)).forRecord('rec-1').decrypt(stored)).toThrow(
      DecryptionError,
    );
  });
});

describe('parseEncryptionKey', () => {
  it('should accept a generated key and refuse a short one', () => {
    expect(parseEncryptionKey(generateEncryptionKey())).toHaveLength(32);
    expect(() => parseEncryptionKey('c2hvcnQ=')).toThrow(InvalidEncryptionKeyError);
  });
});
