import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Coordinates } from '@anbu/contracts';
import { createTestLogger } from '@anbu/db/testing';

import { createOsrmGeometry } from './osrm-geometry.js';

/** How the fake OSRM answers the next requests. */
type Mode = 'ok' | 'http_error' | 'no_route' | 'slow';

const POINTS: Coordinates[] = [
  { lng: 126.95, lat: 35.94 },
  { lng: 126.96, lat: 35.95 },
  { lng: 126.97, lat: 35.96 },
  { lng: 126.98, lat: 35.95 },
  { lng: 126.95, lat: 35.94 },
];

describe('OSRM road geometry', () => {
  let mode: Mode = 'ok';
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://osrm');
    const match = /^\/route\/v1\/([^/]+)\/(.+)$/.exec(url.pathname);
    const waypoints = (match?.[2] ?? '').split(';').map((p) => p.split(',').map(Number));
    if (mode === 'http_error') {
      res.writeHead(500).end('boom');
      return;
    }
    if (mode === 'slow') {
      setTimeout(() => res.writeHead(200).end('{}'), 1_000);
      return;
    }
    if (mode === 'no_route') {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'NoRoute', message: 'Impossible route between points' }));
      return;
    }
    // A "road" through each waypoint and a bend halfway to the next, as OSRM shapes its answer.
    const coordinates = waypoints.flatMap(([lng = 0, lat = 0], i) => {
      const next = waypoints[i + 1];
      return next
        ? [
            [lng, lat],
            [(lng + (next[0] ?? 0)) / 2, lat],
          ]
        : [[lng, lat]];
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        code: 'Ok',
        routes: [
          {
            geometry: { type: 'LineString', coordinates },
            distance: 1234.5,
            duration: 321.2,
            legs: [],
          },
        ],
        waypoints: waypoints.map((location) => ({ location, name: '' })),
      }),
    );
  });
  let baseUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const geometry = () =>
    createOsrmGeometry({ baseUrl, log: createTestLogger(), timeoutMs: 200, maxWaypoints: 3 });

  it('should join the road lines of runs of waypoints into one line', async () => {
    mode = 'ok';
    paths.length = 0;
    const line = await geometry().lineThrough(POINTS, { profile: 'bike' });
    // Runs of 3 sharing their ends: [0,1,2] and [2,3,4].
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(
      /^\/route\/v1\/bike\/126\.950000,35\.940000;126\.960000,35\.950000;126\.970000,35\.960000\?overview=full&geometries=geojson/,
    );
    expect(line).toHaveLength(9);
    expect(line[0]).toEqual(POINTS[0]);
    expect(line.at(-1)).toEqual(POINTS[4]);
    expect(line.filter((p) => POINTS.some((q) => q.lng === p.lng && q.lat === p.lat))).toHaveLength(
      5,
    );
  });

  it.each<Mode>(['http_error', 'no_route', 'slow'])(
    'should fall back to straight segments when OSRM fails (%s)',
    async (failure) => {
      mode = failure;
      const started = Date.now();
      const line = await geometry().lineThrough(POINTS);
      expect(line).toEqual(POINTS);
      expect(Date.now() - started).toBeLessThan(900);
    },
  );
});
