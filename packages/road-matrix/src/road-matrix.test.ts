import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Location } from '@anbu/contracts/routing';
import { parseProblem, solve } from '@anbu/routing';

import { attachRoadMatrices } from './attach.js';
import { assemble, tile, UNREACHABLE } from './blocks.js';
import { tableServiceFromEnv } from './env.js';
import { createOsrmTable } from './osrm.js';
import { buildRoadMatrix } from './road-matrix.js';
import { RoadMatrixError } from './table-service.js';
import { createValhallaTable } from './valhalla.js';

/** The "road network" of the fake servers: Manhattan metres, 10 m/s, and one closed place. */
const CLOSED: Location = [127.5, 36.5];
const metres = (a: Location, b: Location) =>
  Math.round((Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])) * 100_000);
const closed = (p: Location) => p[0] === CLOSED[0] && p[1] === CLOSED[1];

interface Seen {
  requests: number;
  maxCoordinates: number;
  profiles: Set<string>;
}

/** A tiny server that answers OSRM `table` and Valhalla `sources_to_targets` like the real ones. */
async function startFakeRouter(seen: Seen) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    seen.requests++;
    if (url.pathname.startsWith('/slow/')) return void setTimeout(() => reply(200, {}), 2000);
    const osrm = /^\/table\/v1\/(driving|cycling|foot)\/(.+)$/.exec(url.pathname);
    if (osrm) {
      const [, profile = '', coordinates = ''] = osrm;
      seen.profiles.add(profile);
      const points = coordinates
        .split(';')
        .map((c) => c.split(',').map(Number) as unknown as Location);
      seen.maxCoordinates = Math.max(seen.maxCoordinates, points.length);
      if (points.length > 200)
        return reply(400, { code: 'TooBig', message: 'Too many table coordinates' });
      const sources = (url.searchParams.get('sources') ?? '').split(';').map(Number);
      const destinations = (url.searchParams.get('destinations') ?? '').split(';').map(Number);
      const cell = (f: (a: Location, b: Location) => number) =>
        sources.map((s) =>
          destinations.map((d) => {
            const a: Location = points[s] ?? [0, 0];
            const b: Location = points[d] ?? [0, 0];
            return closed(a) !== closed(b) ? null : f(a, b);
          }),
        );
      return reply(200, {
        code: 'Ok',
        durations: cell((a, b) => metres(a, b) / 10 + 0.4),
        distances: cell((a, b) => metres(a, b) + 0.2),
      });
    }
    if (url.pathname === '/sources_to_targets' && req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as {
          sources: { lon: number; lat: number }[];
          targets: { lon: number; lat: number }[];
          costing: string;
        };
        seen.profiles.add(body.costing);
        const rows = body.sources.map((s) =>
          body.targets.map((t) => {
            const a: Location = [s.lon, s.lat];
            const b: Location = [t.lon, t.lat];
            if (closed(a) !== closed(b)) return { distance: null, time: null };
            const m = metres(a, b);
            return { distance: m / 1000, time: m / 10 };
          }),
        );
        reply(200, { sources_to_targets: rows });
      });
      return;
    }
    reply(400, { code: 'InvalidUrl', message: `no route ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** The `i`-th place, or a test failure. */
function pt(points: readonly Location[], i: number): Location {
  const p = points[i];
  if (!p) throw new Error(`no point ${i}`);
  return p;
}

const city = (n: number): Location[] =>
  Array.from({ length: n }, (_, i) => [
    126.95 + (i % 17) * 0.003,
    35.93 + Math.floor(i / 17) * 0.002,
  ]);

describe('tile and assemble', () => {
  it('should cover every cell of the matrix exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 25 }), (n, size) => {
        const count = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        for (const b of tile(n, size)) {
          expect(b.sources.length).toBeLessThanOrEqual(size);
          expect(b.destinations.length).toBeLessThanOrEqual(size);
          for (const s of b.sources)
            for (const d of b.destinations) {
              const row = count[s] ?? [];
              row[d] = (row[d] ?? 0) + 1;
            }
        }
        expect(count.flat().every((c) => c === 1)).toBe(true);
      }),
      { seed: 3 },
    );
  });

  it('should refuse a matrix with a cell no block answered', () => {
    expect(() =>
      assemble(2, [
        {
          block: { sources: [0], destinations: [0, 1] },
          result: { durations: [[0, 5]], distances: [[0, 5]] },
        },
      ]),
    ).toThrow(/cell \[1\]\[0\]/);
  });
});

describe('road table clients against a local OSRM / Valhalla look-alike', () => {
  const seen: Seen = { requests: 0, maxCoordinates: 0, profiles: new Set() };
  let router: Awaited<ReturnType<typeof startFakeRouter>>;
  beforeAll(async () => {
    router = await startFakeRouter(seen);
  });
  afterAll(async () => {
    await router.close();
  });

  it('should assemble the OSRM matrix from blocks within the server limit, in integers', async () => {
    const points = [...city(230), CLOSED];
    const osrm = createOsrmTable({ baseUrl: router.url });
    const before = seen.requests;
    const m = await buildRoadMatrix(osrm, { points, profile: 'van' }, { blockSize: 100 });
    expect(seen.requests - before).toBe(9); // 3 × 3 blocks of ≤ 100
    expect(seen.maxCoordinates).toBeLessThanOrEqual(200);
    expect(seen.profiles.has('driving')).toBe(true);
    for (let i = 0; i < points.length; i += 7) {
      for (let j = 0; j < points.length; j += 5) {
        const [a, b] = [pt(points, i), pt(points, j)];
        const d = m.distances[i]?.[j];
        if (i === j) expect(d).toBe(0);
        else if (closed(a) !== closed(b)) expect(d).toBe(UNREACHABLE);
        else {
          expect(d).toBe(Math.round(metres(a, b) + 0.2));
          expect(m.durations[i]?.[j]).toBe(Math.round(metres(a, b) / 10 + 0.4));
        }
      }
    }
  });

  it('should read Valhalla kilometres as metres and map the profile to a costing', async () => {
    const points = city(30);
    const valhalla = createValhallaTable({ baseUrl: router.url });
    const m = await buildRoadMatrix(valhalla, { points, profile: 'foot' }, { blockSize: 12 });
    expect(seen.profiles.has('pedestrian')).toBe(true);
    expect(m.distances[3]?.[17]).toBe(metres(pt(points, 3), pt(points, 17)));
    expect(m.durations[17]?.[3]).toBe(Math.round(metres(pt(points, 3), pt(points, 17)) / 10));
  });

  it('should name the service and the status when it refuses, without the coordinates', async () => {
    const osrm = createOsrmTable({ baseUrl: router.url, profiles: { car: 'nonsense' } });
    const err = await buildRoadMatrix(osrm, { points: city(3), profile: 'car' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RoadMatrixError);
    expect((err as RoadMatrixError).message).toMatch(/answered 400/);
    expect((err as RoadMatrixError).url).not.toMatch(/126\.9/);
  });

  it('should time out instead of hanging on a silent server', async () => {
    const osrm = createOsrmTable({ baseUrl: `${router.url}/slow`, timeoutMs: 200 });
    const started = performance.now();
    await expect(buildRoadMatrix(osrm, { points: city(3), profile: 'car' })).rejects.toThrow(
      /no answer within 200 ms/,
    );
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('should give the solver road matrices, the drone its straight line, and keep the plan valid', async () => {
    const points = city(40);
    const problem = {
      jobs: points.slice(1).map((location, i) => ({ id: i + 1, location, delivery: [1] })),
      vehicles: [
        { id: 1, start: pt(points, 0), end: pt(points, 0), capacity: [40], profile: 'van' },
        { id: 2, start: pt(points, 0), end: pt(points, 0), capacity: [5], profile: 'drone' },
      ],
    };
    const attached = await attachRoadMatrices(problem, createOsrmTable({ baseUrl: router.url }), {
      blockSize: 16,
    });
    expect(attached.travel).toBe('road');
    const matrices = attached.problem.matrices ?? {};
    expect(Object.keys(matrices).sort()).toEqual(['drone', 'van']);
    // The van drives the Manhattan roads; the drone flies shorter than that.
    const depot = attached.problem.vehicles[0]?.startIndex ?? -1;
    const last = attached.problem.jobs?.at(-1)?.locationIndex ?? -1;
    const vanMetres = matrices['van']?.distances?.[depot]?.[last];
    expect(vanMetres).toBe(Math.round(metres(pt(points, 0), pt(points, 39)) + 0.2));
    expect(matrices['drone']?.distances?.[depot]?.[last]).toBeLessThan(vanMetres ?? 0);
    const solution = solve(parseProblem(attached.problem), { seed: 1, iterations: 200 });
    expect(solution.unassigned).toEqual([]);
    expect(
      solution.routes
        .flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id))
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(problem.jobs.map((j) => j.id));
  });

  it('should keep straight lines above the place limit and say why', async () => {
    const problem = {
      jobs: city(50).map((location, i) => ({ id: i, location })),
      vehicles: [{ id: 1, start: [127, 36] as Location }],
    };
    const attached = await attachRoadMatrices(problem, createOsrmTable({ baseUrl: router.url }), {
      maxPlaces: 20,
    });
    expect(attached.travel).toBe('straight-line');
    expect(attached.reason).toMatch(/51 places exceed the road table limit of 20/);
    expect(attached.problem).toBe(problem);
  });
});

describe('tableServiceFromEnv', () => {
  it('should pick OSRM or Valhalla from the environment, or none', () => {
    expect(tableServiceFromEnv({})).toBeNull();
    expect(tableServiceFromEnv({ OSRM_URL: 'http://osrm:5000/' })?.name).toBe(
      'osrm http://osrm:5000',
    );
    expect(tableServiceFromEnv({ VALHALLA_URL: 'http://v:8002' })?.name).toBe(
      'valhalla http://v:8002',
    );
    expect(() => tableServiceFromEnv({ OSRM_URL: 'not a url' })).toThrow(/OSRM_URL/);
    expect(() => tableServiceFromEnv({ OSRM_URL: 'http://a', VALHALLA_URL: 'http://b' })).toThrow(
      /not both/,
    );
  });
});
