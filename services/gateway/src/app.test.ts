import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture } from './testing/gateway-fixture.js';
import { MAX_TRPC_BATCH_SIZE } from './app.js';
import { createGatewayFixture } from './testing/gateway-fixture.js';

describe('gateway app', () => {
  let fx: GatewayFixture;
  let web: string;

  beforeAll(async () => {
    web = await mkdtemp(join(tmpdir(), 'anbu-web-'));
    await mkdir(join(web, 'assets'));
    await writeFile(join(web, 'index.html'), '<!doctype html><title>Anbu app</title>');
    await writeFile(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
    fx = await createGatewayFixture({ webDistDir: web });
  });
  afterAll(async () => {
    await fx[Symbol.asyncDispose]();
    await rm(web, { recursive: true, force: true });
  });

  describe('/healthz', () => {
    it('should answer 200 with every service ok when all five answer', async () => {
      const res = await fx.app.request('/healthz');
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        status: string;
        services: Record<string, { status: string }>;
        failing: string[];
      };
      expect(body.status).toBe('ok');
      expect(Object.keys(body.services).sort()).toEqual([
        'care',
        'dispatch',
        'donations',
        'households',
        'matching',
      ]);
      expect(Object.values(body.services).every((s) => s.status === 'ok')).toBe(true);
      expect(body.failing).toEqual([]);
    });

    it('should answer 503 naming the service that does not answer', async () => {
      await using partial = await createGatewayFixture({
        healthy: ['households', 'donations', 'matching', 'care'],
      });
      const res = await partial.app.request('/healthz');
      expect(res.status).toBe(503);
      const body = (await res.json()) as {
        failing: string[];
        services: Record<string, { status: string; error?: string }>;
      };
      expect(body.failing).toEqual(['dispatch']);
      expect(body.services['dispatch']?.status).toBe('unreachable');
      expect(body.services['households']?.status).toBe('ok');
    });
  });

  it('should answer /readyz 200 while its database answers', async () => {
    const res = await fx.app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  describe('web app', () => {
    it('should serve index.html at / and for client-side routes', async () => {
      for (const path of ['/', '/dispatch/routes/today']) {
        const res = await fx.app.request(path);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('Anbu app');
      }
    });

    it('should serve built assets with a long cache and their content type', async () => {
      const res = await fx.app.request('/assets/app-1234.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('javascript');
      expect(res.headers.get('cache-control')).toContain('immutable');
    });

    it('should answer 404 for a missing file and never leave the folder', async () => {
      expect((await fx.app.request('/assets/missing.js')).status).toBe(404);
      const res = await fx.app.request('/..%2F..%2Fetc%2Fpasswd');
      expect(await res.text()).not.toContain('root:');
      expect((await fx.app.request('/%E0%A4%A')).status).toBe(400);
    });

    it('should explain that the web app is not built when the folder is missing', async () => {
      await using bare = await createGatewayFixture({ webDistDir: join(web, 'nope') });
      const res = await bare.app.request('/');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('not built');
    });
  });

  describe('HTTP hardening', () => {
    it('should send security headers', async () => {
      const res = await fx.app.request('/');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('should refuse a cross-origin POST with 403 and send no CORS headers', async () => {
      const res = await fx.app.request('/trpc/auth.login', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://evil.example',
          host: 'anbu.local',
        },
        body: JSON.stringify({ login: 'x', password: 'y' }),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('should let a same-origin browser POST through', async () => {
      const res = await fx.app.request('/trpc/auth.login', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://anbu.local',
          host: 'anbu.local',
          'sec-fetch-site': 'same-origin',
        },
        body: JSON.stringify({ login: 'nobody@nowhere', password: 'wrong password' }),
      });
      expect(res.status).toBe(401);
    });

    it('should refuse a tRPC batch larger than the cap with 400', async () => {
      const call = (n: number) =>
        fx.app.request(`/trpc/${Array.from({ length: n }, () => 'auth.me').join(',')}?batch=1`);
      expect((await call(MAX_TRPC_BATCH_SIZE + 1)).status).toBe(400);
      // Within the cap the batch runs (each call answers 401 without a session).
      expect((await call(2)).status).toBe(401);
    });

    it('should answer 413 to a body over the limit', async () => {
      const res = await fx.app.request('/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.status).toBe(413);
    });
  });
});
