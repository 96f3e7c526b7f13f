import { describe, expect, it } from 'vitest';

import { SERVICE_NAMES } from './core/services.js';
import { ALL_EVENTS } from './events/index.js';
import { ALL_RPCS, RPCS_BY_SERVICE } from './rpc/index.js';
import {
  durableName,
  EVENT_SUBJECT_PATTERN,
  eventSubject,
  RPC_SUBJECT_PATTERN,
  rpcQueueGroup,
  rpcSubject,
  rpcWildcard,
  serviceOfSubject,
  STREAMS,
} from './subjects.js';

describe('event subjects', () => {
  it('should match anbu.<service>.<entity>.<event> and be unique', () => {
    const subjects = ALL_EVENTS.map((event) => event.subject);
    for (const subject of subjects) expect(subject).toMatch(EVENT_SUBJECT_PATTERN);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('should fall in the stream of the emitting service', () => {
    for (const event of ALL_EVENTS) {
      expect(serviceOfSubject(event.subject)).toBe(event.service);
      expect(STREAMS[event.service].subjects[0]).toBe(`anbu.${event.service}.>`);
      const [, , entity, name] = event.subject.split('.');
      expect(
        eventSubject({ service: event.service, entity: entity ?? '', event: name ?? '' }),
      ).toBe(event.subject);
    }
  });

  it('should name one stream per service', () => {
    expect(Object.values(STREAMS).map((stream) => stream.name)).toEqual([
      'ANBU_HOUSEHOLDS',
      'ANBU_DONATIONS',
      'ANBU_MATCHING',
      'ANBU_DISPATCH',
      'ANBU_CARE',
    ]);
  });
});

describe('subject patterns', () => {
  it('should refuse foreign services, wrong separators and extra tokens', () => {
    expect('anbu.households.need.created').toMatch(EVENT_SUBJECT_PATTERN);
    expect('anbu.billing.need.created').not.toMatch(EVENT_SUBJECT_PATTERN);
    expect('anbuXhouseholdsXneedXcreated').not.toMatch(EVENT_SUBJECT_PATTERN);
    expect('anbu.households.need.created.x').not.toMatch(EVENT_SUBJECT_PATTERN);
    expect('anbu.rpc.care.alert.list').toMatch(RPC_SUBJECT_PATTERN);
    expect('anbu.rpc.care.alert_list').not.toMatch(RPC_SUBJECT_PATTERN);
    expect('anbu-rpc-care-alert').not.toMatch(RPC_SUBJECT_PATTERN);
  });
});

describe('rpc subjects', () => {
  it('should match anbu.rpc.<service>.<method> and be unique', () => {
    const subjects = ALL_RPCS.map((rpc) => rpc.subject);
    for (const subject of subjects) expect(subject).toMatch(RPC_SUBJECT_PATTERN);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('should list each RPC under its own service, with health', () => {
    for (const service of SERVICE_NAMES) {
      const rpcs = RPCS_BY_SERVICE[service];
      expect(rpcs.map((rpc) => rpc.method)).toContain('health');
      for (const rpc of rpcs) {
        expect(rpc.service).toBe(service);
        expect(rpc.subject).toBe(rpcSubject({ service, method: rpc.method }));
        expect(rpc.subject.startsWith(rpcWildcard(service).slice(0, -1))).toBe(true);
      }
    }
  });

  it('should never be captured by an event stream', () => {
    for (const rpc of ALL_RPCS) expect(serviceOfSubject(rpc.subject)).toBeUndefined();
  });
});

describe('names', () => {
  it('should give each service its own queue group', () => {
    const groups = SERVICE_NAMES.map(rpcQueueGroup);
    expect(new Set(groups).size).toBe(SERVICE_NAMES.length);
    expect(rpcQueueGroup('care')).toBe('anbu-rpc-care');
  });

  it('should build durable names NATS accepts and refuse others', () => {
    expect(durableName({ service: 'matching', purpose: 'needs' })).toBe('matching-needs');
    expect(() => durableName({ service: 'care', purpose: 'a.b' })).toThrow(TypeError);
  });
});
