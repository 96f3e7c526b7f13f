import { describe, expect, it } from 'vitest';

import { loadGatewayEnv } from './env.js';

describe('loadGatewayEnv', () => {
  it('should fill the defaults of the distributed mode', () => {
    const env = loadGatewayEnv({ NATS_URL: 'nats://a:4222,nats://b:4222' });
    expect(env).toMatchObject({
      PORT: 8080,
      ANBU_COOKIE_SECURE: true,
      ANBU_TRUST_PROXY: false,
      SESSION_TTL_MINUTES: 720,
      NATS_URL: ['nats://a:4222', 'nats://b:4222'],
    });
    expect(env.ANBU_WEB_DIST_DIR).toMatch(/web\/dist$/);
  });

  it('should read flags and numbers from text', () => {
    const env = loadGatewayEnv({
      NATS_URL: 'nats://a:4222',
      PORT: '9090',
      ANBU_COOKIE_SECURE: 'false',
      SESSION_TTL_MINUTES: '30',
    });
    expect(env).toMatchObject({ PORT: 9090, ANBU_COOKIE_SECURE: false, SESSION_TTL_MINUTES: 30 });
  });

  it('should fail naming every bad variable', () => {
    let message = '';
    try {
      loadGatewayEnv({ PORT: 'eighty', ANBU_COOKIE_SECURE: 'yes' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['NATS_URL', 'PORT', 'ANBU_COOKIE_SECURE']) expect(message).toContain(name);
  });
});
