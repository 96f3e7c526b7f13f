import { describe, expect, it } from 'vitest';

import { estimateLabelWidth, placeLabels } from './label-placement.js';

describe('placeLabels', () => {
  it('should keep the better-ranked of two overlapping labels', () => {
    const kept = placeLabels([
      { id: 'small', x: 105, y: 100, text: '마동', rank: 2 },
      { id: 'large', x: 100, y: 100, text: '오산면', rank: 1 },
      { id: 'far', x: 400, y: 100, text: '춘포면', rank: 3 },
    ]);
    expect([...kept].sort()).toEqual(['far', 'large']);
  });

  it('should drop a label that would cover a marker', () => {
    const kept = placeLabels([{ id: 'a', x: 50, y: 50, text: '중앙동', rank: 1 }], {
      obstacles: [{ x: 45, y: 45, width: 30, height: 30 }],
    });
    expect(kept.size).toBe(0);
  });

  it('should always keep a pinned label, and keep others clear of it', () => {
    const kept = placeLabels(
      [
        { id: 'big', x: 50, y: 50, text: '오산면', rank: 1 },
        { id: 'picked', x: 52, y: 50, text: '모현동', rank: 9, pinned: true },
      ],
      { obstacles: [{ x: 45, y: 45, width: 30, height: 30 }] },
    );
    expect([...kept]).toEqual(['picked']);
  });

  it('should measure Hangul wider than Latin letters', () => {
    expect(estimateLabelWidth('중앙동')).toBeGreaterThan(estimateLabelWidth('Ma'));
  });
});
