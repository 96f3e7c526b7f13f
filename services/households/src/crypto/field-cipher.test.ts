import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DecryptionError, InvalidEncryptionKeyError } from '../errors.js';
import {
  createFieldCipher,
  encryptionKeyId,
  generateEncryptionKey,
  parseEncryptionKey,
  parseEncryptionKeys,
} from './field-cipher.js';

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
    expect(Buffer.from(a.split('.')[4] ?? '', 'base64url').toString('utf8')).not.toContain(
      '홍길동',
    );
  });

  it('should refuse a ciphertext moved to another record, a tampered one, or another key', () => {
    const stored = cipher.forRecord('rec-1').encrypt({ name: '홍길동' });
    expect(() => cipher.forRecord('rec-2').decrypt(stored)).toThrow(DecryptionError);
    const parts = stored.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join('.');
    expect(() => cipher.forRecord('rec-1').decrypt(tampered)).toThrow(DecryptionError);
    expect(() => createFieldCipher(randomBytes(32)).forRecord('rec-1').decrypt(stored)).toThrow(
      DecryptionError,
    );
  });
});

describe('createFieldCipher with a keyring', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('should record the key id and decrypt with the key the ciphertext names', () => {
    const before = createFieldCipher(oldKey);
    const stored = before.forRecord('rec-1').encrypt({ phone: '010-1234-5678' });
    expect(before.keyIdOf(stored)).toBe(encryptionKeyId(oldKey));
    const ring = createFieldCipher({ current: newKey, previous: [oldKey] });
    expect(ring.currentKeyId).toBe(encryptionKeyId(newKey));
    expect(ring.forRecord('rec-1').decrypt(stored)).toEqual({ phone: '010-1234-5678' });
    const resealed = ring.forRecord('rec-1').encrypt({ phone: '010-1234-5678' });
    expect(ring.keyIdOf(resealed)).toBe(encryptionKeyId(newKey));
    // Once the old key is dropped from the ring, what it sealed no longer opens.
    expect(() => createFieldCipher(newKey).forRecord('rec-1').decrypt(stored)).toThrow(
      DecryptionError,
    );
  });

  it('should still open a v1 ciphertext, written before key ids, with any key of the ring', () => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', oldKey, iv);
    c.setAAD(Buffer.from('rec-1'));
    const body = Buffer.concat([c.update(JSON.stringify({ name: '김순자' })), c.final()]);
    const legacy = ['v1', iv, c.getAuthTag(), body].map((p) =>
      typeof p === 'string' ? p : p.toString('base64url'),
    );
    const ring = createFieldCipher({ current: newKey, previous: [oldKey] });
    expect(ring.keyIdOf(legacy.join('.'))).toBeUndefined();
    expect(ring.forRecord('rec-1').decrypt(legacy.join('.'))).toEqual({ name: '김순자' });
    expect(() => createFieldCipher(newKey).forRecord('rec-1').decrypt(legacy.join('.'))).toThrow(
      DecryptionError,
    );
  });

  it('should refuse a ciphertext whose key id was swapped for another key of the ring', () => {
    const ring = createFieldCipher({ current: newKey, previous: [oldKey] });
    const parts = ring.forRecord('rec-1').encrypt('x').split('.');
    parts[1] = encryptionKeyId(oldKey);
    expect(() => ring.forRecord('rec-1').decrypt(parts.join('.'))).toThrow(DecryptionError);
  });
});

describe('parseEncryptionKey', () => {
  it('should accept a generated key and refuse a short one', () => {
    expect(parseEncryptionKey(generateEncryptionKey())).toHaveLength(32);
    expect(() => parseEncryptionKey('c2hvcnQ=')).toThrow(InvalidEncryptionKeyError);
  });

  it('should read a comma-separated list of previous keys, empty when unset', () => {
    const [a, b] = [generateEncryptionKey(), generateEncryptionKey()];
    expect(parseEncryptionKeys(`${a}, ${b}`)).toHaveLength(2);
    expect(parseEncryptionKeys(undefined)).toEqual([]);
    expect(() => parseEncryptionKeys(`${a},c2hvcnQ=`)).toThrow(InvalidEncryptionKeyError);
  });
});
