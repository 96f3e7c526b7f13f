import { describe, expect, it } from 'vitest';

import { DEFAULT_TILE_URL, parseEnv } from './env.js';

describe('parseEnv', () => {
  it("should default to OpenStreetMap's tiles and the same-origin gateway", () => {
    const env = parseEnv({ VITE_TILE_URL: '' });
    expect(env.tileUrl).toBe(DEFAULT_TILE_URL);
    expect(env.trpcUrl).toBe('/trpc');
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('should take a configured tile URL', () => {
    const url = 'https://tiles.example.kr/{z}/{x}/{y}.png';
    expect(parseEnv({ VITE_TILE_URL: url }).tileUrl).toBe(url);
  });

  it('should name the variable when the tile URL has no placeholders', () => {
    expect(() => parseEnv({ VITE_TILE_URL: 'https://tiles.example.kr/map.png' })).toThrow(
      /VITE_TILE_URL/,
    );
  });
});
