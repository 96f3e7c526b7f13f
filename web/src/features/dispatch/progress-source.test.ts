import { describe, expect, it } from 'vitest';

import { sseFailed } from './progress-source.js';

describe('sseFailed', () => {
  const browser = { hasEventSource: true };

  it('should keep SSE while it connects, streams or waits', () => {
    expect(sseFailed({ status: 'connecting', error: null }, browser)).toBe(false);
    expect(sseFailed({ status: 'pending', error: undefined }, browser)).toBe(false);
    expect(sseFailed({ status: 'idle', error: null }, browser)).toBe(false);
  });

  it('should fall back to polling on an error or a reconnect after one', () => {
    expect(sseFailed({ status: 'error', error: new Error('500') }, browser)).toBe(true);
    expect(sseFailed({ status: 'connecting', error: new Error('closed') }, browser)).toBe(true);
  });

  it('should poll where the browser has no EventSource', () => {
    expect(sseFailed({ status: 'idle', error: null }, { hasEventSource: false })).toBe(true);
  });
});
