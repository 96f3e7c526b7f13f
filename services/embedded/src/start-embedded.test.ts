import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { healthRpc, SERVICE_NAMES, SYSTEM_ACTOR } from '@anbu/contracts';
import { countHouseholds, membershipsForUser } from '@anbu/contracts/rpc';
import { createTestLogger } from '@anbu/db/testing';

import { startEmbedded } from './start-embedded.js';

describe('startEmbedded', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anbu-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const log = createTestLogger();

  it(
    'should start every service, seed the demo city once, and keep it across a restart',
    { timeout: 600_000 },
    async () => {
      const first = await startEmbedded({
        dataDir,
        port: 0,
        host: '127.0.0.1',
        log,
        demoSeed: 'iksan-2026',
      });
      try {
        expect(first.seeded).toBe(true);
        for (const service of SERVICE_NAMES) {
          const health = await first.bus.request(healthRpc[service], {}, { actor: SYSTEM_ACTOR });
          expect(health).toMatchObject({ service, status: 'ok' });
        }
        expect(await first.bus.request(countHouseholds, {}, { actor: SYSTEM_ACTOR })).toEqual({
          total: 3000,
        });
        const admin = first.users.find((u) => u.login === 'admin');
        expect(admin).toBeDefined();
        const memberships = await first.bus.request(
          membershipsForUser,
          { userId: admin?.id ?? '' },
          { actor: SYSTEM_ACTOR },
        );
        expect(memberships.memberships.map((m) => m.role)).toEqual(['admin']);
        const healthz = await fetch(`${first.url}/healthz`);
        expect(healthz.status).toBe(200);
        expect(JSON.stringify(await healthz.json())).toContain('households');
        // A printed demo user signs in through tRPC and acts in its caseworker membership.
        const caseworker = first.users.find((u) => u.login === 'cw.newtown');
        const login = await fetch(`${first.url}/trpc/auth.login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: caseworker?.login, password: caseworker?.password }),
        });
        expect(login.status).toBe(200);
        expect(login.headers.get('set-cookie')).toBeTruthy();
        expect(JSON.stringify(await login.json())).toContain('"role":"caseworker"');
      } finally {
        await first.stop();
      }

      const second = await startEmbedded({
        dataDir,
        port: 0,
        host: '127.0.0.1',
        log,
        demoSeed: 'iksan-2026',
      });
      try {
        expect(second.seeded).toBe(false);
        expect(await second.bus.request(countHouseholds, {}, { actor: SYSTEM_ACTOR })).toEqual({
          total: 3000,
        });
      } finally {
        await second.stop();
      }
      // Personal data never reaches the logs, not even during the bulk import.
      const logged = JSON.stringify(log.lines);
      expect(logged).not.toContain('전북특별자치도 익산시');
    },
  );
});
