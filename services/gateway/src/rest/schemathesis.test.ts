import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningService } from '@anbu/service-kit';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { createCareService } from '@anbu/care';
import { importDonationsBulk, listPickupSlots } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { createDonationsService } from '@anbu/donations';
import { startService } from '@anbu/service-kit';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';

/**
 * Schemathesis (from PyPI) against the partner REST API's own OpenAPI document, served over HTTP
 * by the gateway with the real donations and care services behind it: no generated request may
 * get a 5xx, and every response must match the documented schema and status codes.
 *
 * Runs when `schemathesis` is on PATH; skipped loudly otherwise, a failure with `CI=true`.
 * `ANBU_SCHEMATHESIS_MAX_EXAMPLES` sets the examples per operation (default 25; 100 under
 * `ANBU_FAULT_SCALE=full`).
 */
// The `schemathesis` script where pip put it on PATH, else the module through python3.
const candidates: [string, ...string[]][] = [
  ...(process.env['ANBU_SCHEMATHESIS_BIN']
    ? [[process.env['ANBU_SCHEMATHESIS_BIN']] as [string]]
    : []),
  ['schemathesis'],
  ['python3', '-m', 'schemathesis.cli'],
];
const command = candidates.find(
  ([bin, ...prefix]) => spawnSync(bin, [...prefix, '--version'], { encoding: 'utf8' }).status === 0,
);
const installed = command !== undefined;
if (!installed) {
  const message = `schemathesis is not installed (pip install schemathesis): the REST fuzz suite is skipped`;
  if (process.env['CI'] === 'true') throw new Error(message);
  console.warn(`\n*** ${message} ***\n`);
}
const maxExamples = Number(
  process.env['ANBU_SCHEMATHESIS_MAX_EXAMPLES'] ??
    (process.env['ANBU_FAULT_SCALE'] === 'full' ? 100 : 25),
);

const ORG = '00000000-0000-4000-8000-0000000000f1';
const DEPOT = '00000000-0000-4000-8000-0000000000f3';
const SLOT = '00000000-0000-4000-8000-0000000000f4';
const system = { actor: { kind: 'system' as const, id: 'system', districtCodes: [] } };

describe.skipIf(!installed)('partner REST API under schemathesis', () => {
  let fx: GatewayFixture;
  let services: RunningService[] = [];
  let server: ReturnType<typeof serve> | undefined;
  let baseUrl = '';
  let key = '';
  const log = createTestLogger();

  beforeAll(async () => {
    const db = await createDb({ dataDir: 'memory://', log });
    const bus = createMemoryBus({ log });
    fx = await createGatewayFixture({
      db: { handle: db, own: true },
      bus,
      // The fuzzer sends thousands of requests a minute from one address and key.
      rateLimits: { loginPerMinute: 30, restPerMinute: 1_000_000 },
    });
    services = [
      await startService(createDonationsService(), { db, bus, log, outboxPollMs: 50 }),
      await startService(createCareService(), { db, bus, log, outboxPollMs: 50 }),
    ];
    await bus.request(
      importDonationsBulk,
      {
        depots: [
          {
            id: DEPOT,
            organisationId: ORG,
            name: 'depot',
            address: '익산시 약촌로 201',
            location: { lat: 35.95, lng: 126.97 },
            districtCode: 'D01',
            storageClasses: ['ambient', 'chilled'],
            capacityBoxes: {},
            active: true,
          },
        ],
      },
      system,
    );
    // Dispatch is not running here: a stand-in offers one slot tomorrow.
    const tomorrow = new Date(Date.now() + 86_400_000);
    await bus.serve([
      handle(listPickupSlots, () =>
        Promise.resolve({
          items: [
            {
              id: SLOT,
              date: tomorrow.toISOString().slice(0, 10),
              window: {
                start: tomorrow.toISOString(),
                end: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
              },
              depotId: DEPOT,
              remaining: 4,
            },
          ],
        }),
      ),
    ]);
    key = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'fuzzer' })).key;
    const listening = serve({ fetch: fx.app.fetch, port: 0, hostname: '127.0.0.1' });
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('listening', resolve);
      listening.once('error', reject);
    });
    baseUrl = `http://127.0.0.1:${String((listening.address() as AddressInfo).port)}`;
  }, 180_000);

  afterAll(async () => {
    const closing = server;
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const service of services.reverse()) await service.stop();
    await fx[Symbol.asyncDispose]();
  });

  it('should find no server error and no response outside the documented schema', async () => {
    const args = [
      'run',
      `${baseUrl}/api/v1/openapi.json`,
      '--url',
      `${baseUrl}/api/v1`,
      '--header',
      `Authorization: Bearer ${key}`,
      '--checks',
      'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
      '--max-examples',
      String(maxExamples),
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--workers',
      '1',
      '--seed',
      process.env['ANBU_SCHEMATHESIS_SEED'] ?? '20261125',
      '--no-color',
      '--request-timeout',
      '20',
    ];
    // Run in a temporary folder: schemathesis keeps its replay store in `.schemathesis/`.
    const cwd = mkdtempSync(join(tmpdir(), 'anbu-schemathesis-'));
    // Asynchronous spawn: the gateway answers in this same process while schemathesis runs.
    const [bin, ...prefix] = command ?? ['schemathesis'];
    const child = spawn(bin, [...prefix, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    console.log(output.replaceAll(key, '<api key>'));
    // The server side of any failure: what the gateway and the services logged as errors.
    for (const line of [...fx.log.lines, ...log.lines].filter((l) => l.level === 'error'))
      console.error(line.msg, line.fields);
    expect(output).not.toMatch(/Server error/i);
    expect(code, 'schemathesis exit status (failures are printed above)').toBe(0);
  }, 600_000);
});
