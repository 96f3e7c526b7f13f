import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { EXIT, nodeIo, runCli } from './main.js';
import type { CliIo } from './main.js';
import { parseSolomon } from './solomon.js';

const C101 = '/work/shared/bench/solomon/C101.txt';

function capture(files: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    readFile: (path) => files[path] ?? nodeIo.readFile(path),
  };
}

describe('parseSolomon', () => {
  it('should read the fleet, capacity, horizon and customers of C101', () => {
    const p = parseSolomon(readFileSync(C101, 'utf8'));
    expect(p.vehicles).toHaveLength(25);
    expect(p.vehicles[0]?.capacity).toEqual([200]);
    expect(p.vehicles[0]?.timeWindow).toEqual([0, 1236]);
    expect(p.jobs).toHaveLength(100);
    expect(p.jobs?.[0]).toEqual({ id: 1, location: [45, 68], delivery: [10], timeWindows: [[912, 967]], service: 90 });
  });
});

describe('cli solve', () => {
  it('should solve a Solomon file and print the benchmark JSON', () => {
    const io = capture();
    const code = runCli(['solve', '--format', 'solomon', '--objective', 'distance', '--iterations', '200', '--seed', '1', C101], io);
    expect(code).toBe(EXIT.ok);
    expect(io.out).toHaveLength(1);
    const result = JSON.parse(io.out[0] ?? '') as { vehicles: number; distance: number; routes: number[][]; unassigned: number[] };
    const visited = result.routes.flat().sort((a, b) => a - b);
    expect(visited).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(result.unassigned).toEqual([]);
    expect(result.vehicles).toBe(result.routes.length);
    expect(result.vehicles).toBeLessThanOrEqual(25);
    // Distances are exact Euclidean doubles: recompute from the file.
    const rows = parseSolomon(readFileSync(C101, 'utf8')).jobs ?? [];
    const at = (c: number): readonly [number, number] => (c === 0 ? [40, 50] : (rows[c - 1]?.location ?? [0, 0]));
    let total = 0;
    for (const route of result.routes) {
      [0, ...route, 0].reduce((a, b) => ((total += Math.hypot(at(a)[0] - at(b)[0], at(a)[1] - at(b)[1])), b));
    }
    expect(result.distance).toBeCloseTo(total, 9);
  });

  it('should report progress as NDJSON on stderr', () => {
    const io = capture();
    runCli(['solve', '--format', 'solomon', '--objective', 'vehicles', '--iterations', '50', '--seed', '2', '--progress', C101], io);
    const events = io.err.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(events[0] ?? {}).sort()).toEqual(
      ['cost', 'distance', 'elapsedMs', 'event', 'feasible', 'iterations', 'unassigned', 'vehicles'].sort(),
    );
  });

  it('should read VROOM-style JSON and list job ids per route', () => {
    const problem = {
      jobs: [
        { id: 11, location: [126.97, 37.56], service: 300, delivery: [1], time_windows: [[0, 36000]] },
        { id: 12, location: [126.99, 37.57], service: 300, amount: [1] },
      ],
      shipments: [{ pickup: { id: 21, location: [126.98, 37.55] }, delivery: { id: 22, location: [126.96, 37.58] }, amount: [1] }],
      vehicles: [{ id: 1, start: [126.978, 37.566], end: [126.978, 37.566], capacity: [4], time_window: [0, 36000], max_travel_time: 7200 }],
    };
    const io = capture({ 'p.json': JSON.stringify(problem) });
    expect(runCli(['solve', '--format', 'vroom', '--time-limit', '0.2', '--seed', '1', 'p.json'], io)).toBe(EXIT.ok);
    const result = JSON.parse(io.out[0] ?? '') as { routes: number[][]; unassigned: number[] };
    expect(result.routes.flat().sort()).toEqual([11, 12, 21, 22]);
    const route = result.routes[0] ?? [];
    expect(route.indexOf(21)).toBeLessThan(route.indexOf(22));
  });

  it('should exit 2 naming the field on invalid input, and on bad arguments', () => {
    const bad = { jobs: [{ id: 1, location: [0, 0], time_windows: [[50, 10]] }], vehicles: [{ id: 1, start: [0, 0] }] };
    const io = capture({ 'bad.json': JSON.stringify(bad) });
    expect(runCli(['solve', '--format', 'vroom', '--iterations', '5', 'bad.json'], io)).toBe(EXIT.input);
    expect(io.err[0]).toBe('jobs[0].timeWindows[0]: end 10 is before start 50');
    const args = capture();
    expect(runCli(['solve', '--format', 'xml', 'f'], args)).toBe(EXIT.input);
    expect(runCli(['solve', '--format', 'solomon', '/nonexistent/file.txt'], args)).toBe(EXIT.input);
    expect(runCli(['frobnicate'], args)).toBe(EXIT.input);
  });
});
