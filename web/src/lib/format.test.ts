import { describe, expect, it } from 'vitest';

import { formatDateTime, formatTime, formatToday, seoulDay, seoulInstant } from './format.js';

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

  it("should give Korea's calendar day and instants with the +09:00 offset", () => {
    expect(seoulDay(moment)).toBe('2026-11-26');
    expect(seoulInstant('2026-11-26', '09:30')).toBe('2026-11-26T09:30:00+09:00');
    expect(Date.parse(seoulInstant('2026-11-26', '02:30'))).toBe(moment.getTime());
  });
});
