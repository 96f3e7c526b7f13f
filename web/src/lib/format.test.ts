import { describe, expect, it } from 'vitest';

import { formatDateTime, formatTime, formatToday } from './format.js';

describe('format', () => {
  // 17:30 UTC is 02:30 the next morning in Seoul.
  const moment = new Date('2026-11-25T17:30:00Z');

  it('should show moments in Korean time whatever the browser zone', () => {
    expect(formatTime(moment, 'en')).toBe('2:30 AM');
    expect(formatDateTime(moment, 'ko')).toContain('11월 26일');
  });

  it("should name Korea's date, not the browser's", () => {
    expect(formatToday('ko', moment)).toBe('2026년 11월 26일 목요일');
    expect(formatToday('en', moment)).toContain('26');
  });
});
