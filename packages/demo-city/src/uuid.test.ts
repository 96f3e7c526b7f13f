import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sha1, toHex } from './sha1.js';
import { uuidV5 } from './uuid.js';

describe('sha1', () => {
  it('should match the FIPS 180 test vectors', () => {
    expect(toHex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(toHex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });
});

describe('uuidV5', () => {
  it('should match the RFC example for the DNS namespace', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('should be a pure function of namespace and name', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const ns = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
        expect(uuidV5(ns, name)).toBe(uuidV5(ns, name));
        expect(uuidV5(ns, name)).toMatch(/^[0-9a-f-]{36}$/);
      }),
    );
  });
});
