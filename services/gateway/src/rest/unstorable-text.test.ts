import { describe, expect, it } from 'vitest';

import { unstorableTextPath } from './unstorable-text.js';

describe('unstorableTextPath', () => {
  it('should name the first string with NUL or a lone surrogate', () => {
    expect(
      unstorableTextPath({ items: [{ description: 'ok' }, { description: 'a\u0000b' }] }),
    ).toBe('items.1.description');
    expect(unstorableTextPath({ note: 'x\ud800' })).toBe('note');
    expect(unstorableTextPath('\udc00')).toBe('');
  });

  it('should accept ordinary text, including surrogate pairs and Hangul', () => {
    expect(unstorableTextPath({ name: '홍길동 🇰🇷', n: 3, list: [null, true] })).toBeUndefined();
  });
});
