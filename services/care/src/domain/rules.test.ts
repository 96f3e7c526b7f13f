import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { WelfareChecklist } from '@anbu/contracts';

import type { ContactOutcome } from './rules.js';
import { SEVERITY_RANK } from './alert.js';
import { decideAlert, observe } from './rules.js';

const calm: WelfareChecklist = {
  seenInPerson: true,
  mealsSkipped: false,
  illnessOrInjury: false,
  untouchedEarlierDeliveries: false,
  homeConditions: 'normal',
  mood: 'usual',
  askedForHelp: false,
};

const checklist = fc.record({
  seenInPerson: fc.boolean(),
  mealsSkipped: fc.boolean(),
  illnessOrInjury: fc.boolean(),
  untouchedEarlierDeliveries: fc.boolean(),
  homeConditions: fc.constantFrom('normal', 'untidy', 'unsafe', 'unknown'),
  mood: fc.constantFrom('good', 'usual', 'low', 'distressed', 'unknown'),
  askedForHelp: fc.boolean(),
}) as fc.Arbitrary<WelfareChecklist>;
const history = fc.array(fc.constantFrom<ContactOutcome>('seen', 'not_home', 'unseen'), {
  maxLength: 5,
});

/** The same checklist with one more thing wrong. */
const worse = (c: WelfareChecklist, flag: number): WelfareChecklist => {
  switch (flag) {
    case 0:
      return { ...c, mealsSkipped: true };
    case 1:
      return { ...c, illnessOrInjury: true };
    case 2:
      return { ...c, untouchedEarlierDeliveries: true };
    case 3:
      return { ...c, askedForHelp: true };
    case 4:
      return { ...c, homeConditions: 'unsafe' };
    default:
      return { ...c, mood: 'distressed' };
  }
};

const rank = (c: WelfareChecklist, earlier: readonly ContactOutcome[]) => {
  const decision = decideAlert(observe({ checklist: c }, earlier));
  return decision ? SEVERITY_RANK[decision.severity] : 0;
};

describe('welfare rules', () => {
  it('should raise nothing for a calm visit and record it as all well', () => {
    const observations = observe({ checklist: calm }, ['not_home']);
    expect(observations.map((o) => o.kind)).toEqual(['all_well']);
    expect(decideAlert(observations)).toBeUndefined();
  });

  it('should never lower the severity when one more thing is wrong', () => {
    fc.assert(
      fc.property(checklist, history, fc.nat(5), (c, earlier, flag) => {
        expect(rank(worse(c, flag), earlier)).toBeGreaterThanOrEqual(rank(c, earlier));
      }),
    );
  });

  it('should raise at least high for a request for help or distress, critical for distress', () => {
    fc.assert(
      fc.property(checklist, history, (c, earlier) => {
        expect(rank({ ...c, askedForHelp: true }, earlier)).toBeGreaterThanOrEqual(
          SEVERITY_RANK.high,
        );
        expect(rank({ ...c, mood: 'distressed' }, earlier)).toBe(SEVERITY_RANK.critical);
      }),
    );
  });

  it('should raise an alert at least as severe as every observation it is drawn from', () => {
    fc.assert(
      fc.property(checklist, history, (c, earlier) => {
        const observations = observe({ checklist: c }, earlier);
        const decision = decideAlert(observations);
        const concerns = observations.filter((o) => o.severity !== undefined);
        expect(decision === undefined).toBe(concerns.length === 0);
        for (const o of concerns) {
          expect(rank(c, earlier)).toBeGreaterThanOrEqual(SEVERITY_RANK[o.severity ?? 'low']);
        }
      }),
    );
  });

  it('should treat not home twice in a row as a missed check-in, not home once as nothing', () => {
    expect(decideAlert(observe({ stopStatus: 'not_home' }, ['seen', 'not_home']))).toBeUndefined();
    const twice = decideAlert(observe({ stopStatus: 'not_home' }, ['unseen', 'not_home']));
    expect(twice).toMatchObject({ severity: 'high', reason: 'not_home_twice' });
    fc.assert(
      fc.property(history, (earlier) => {
        const decision = decideAlert(observe({ stopStatus: 'not_home' }, earlier));
        const previous = earlier.find((o) => o !== 'unseen');
        expect(decision?.reason).toBe(previous === 'not_home' ? 'not_home_twice' : undefined);
      }),
    );
  });

  it('should raise a medium missed check-in for an untouched earlier delivery', () => {
    expect(
      decideAlert(observe({ checklist: { ...calm, untouchedEarlierDeliveries: true } }, [])),
    ).toMatchObject({
      severity: 'medium',
      reason: 'untouched_delivery',
    });
  });

  it('should go one level up when three concerns come together', () => {
    const three = {
      ...calm,
      mealsSkipped: true,
      untouchedEarlierDeliveries: true,
      mood: 'low' as const,
    };
    expect(decideAlert(observe({ checklist: three }, []))?.severity).toBe('high');
  });
});
