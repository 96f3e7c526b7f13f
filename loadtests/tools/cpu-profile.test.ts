import { describe, expect, it } from 'vitest';

import { packageOf, summarise } from './cpu-profile.ts';

describe('packageOf', () => {
  it('should name pnpm packages, workspace packages, the runtime and V8 pseudo-frames', () => {
    expect(
      packageOf(
        'file:///r/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js',
        'parse',
      ),
    ).toBe('zod');
    expect(
      packageOf('file:///r/node_modules/.pnpm/x/node_modules/@nats-io/nats-core/lib/a.js', 'f'),
    ).toBe('@nats-io/nats-core');
    expect(packageOf('file:///r/services/gateway/dist/app.js', 'f')).toBe('@anbu/gateway');
    expect(packageOf('node:internal/streams/readable', 'f')).toBe('node (runtime)');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});

describe('summarise', () => {
  it('should rank self time by package and function, leaving idle time out', () => {
    const frame = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 0 },
    });
    const summary = summarise(
      {
        nodes: [
          frame(1, '(idle)', ''),
          frame(2, 'parse', 'file:///r/node_modules/zod/index.js'),
          frame(3, 'query', 'file:///r/node_modules/pg/client.js'),
        ],
        startTime: 0,
        endTime: 2_000_000,
        samples: [1, 1, 1, 1, 2, 2, 2, 3],
      },
      'gateway-1',
    );
    expect(summary.totalMs).toBe(2000);
    expect(summary.byPackage).toEqual([
      { name: 'zod', share: 0.75 },
      { name: 'pg', share: 0.25 },
    ]);
    expect(summary.byFunction[0]).toEqual({ name: 'parse (zod:1)', share: 0.75 });
  });
});
