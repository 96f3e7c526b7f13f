import { describe, expect, it } from 'vitest';

import { ALERT_STATUSES, canTransitionAlert } from './alert.js';
import { canTransitionStop, FINAL_STOP_STATUSES, STOP_STATUSES } from './stop.js';

describe('canTransitionAlert', () => {
  it('should let an alert escalate again, be acknowledged, and end at resolved', () => {
    expect(canTransitionAlert('raised', 'escalated')).toBe(true);
    expect(canTransitionAlert('escalated', 'escalated')).toBe(true);
    expect(canTransitionAlert('escalated', 'acknowledged')).toBe(true);
    expect(canTransitionAlert('acknowledged', 'escalated')).toBe(false);
    for (const to of ALERT_STATUSES) expect(canTransitionAlert('resolved', to)).toBe(false);
  });
});

describe('canTransitionStop', () => {
  it('should never go back to planned nor leave a final status', () => {
    for (const from of STOP_STATUSES) expect(canTransitionStop(from, 'planned')).toBe(false);
    for (const from of FINAL_STOP_STATUSES) {
      for (const to of STOP_STATUSES) expect(canTransitionStop(from, to)).toBe(false);
    }
    expect(canTransitionStop('planned', 'arrived')).toBe(true);
    expect(canTransitionStop('arrived', 'delivered')).toBe(true);
    expect(canTransitionStop('arrived', 'skipped')).toBe(false);
  });
});
