import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NotificationMessage } from './notifier.js';
import { NotifyError } from '../errors.js';
import { createWebhookNotifier } from './webhook-notifier.js';

/** A local webhook that answers 500 to its first `failures` requests, and hangs on `/slow`. */
async function startWebhook(failures: number) {
  const received: { key: string | undefined; body: unknown }[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/slow') return; // never answers
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        key: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      res.statusCode = received.length <= failures ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const message: NotificationMessage = {
  id: randomUUID(),
  channel: 'webhook',
  template: 'alert.raised',
  subject: '[critical] Welfare check: in distress',
  alertId: randomUUID(),
  recipientRole: 'caseworker',
  districtCode: '5214057000',
};

describe('createWebhookNotifier', () => {
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  beforeAll(async () => {
    webhook = await startWebhook(1);
  });
  afterAll(() => webhook.close());

  it('should throw a NotifyError with the status on a failing answer, then deliver the same message', async () => {
    const notifier = createWebhookNotifier({ url: webhook.url });
    const failed = await notifier.send(message).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(NotifyError);
    expect((failed as NotifyError).status).toBe(500);
    await notifier.send(message);
    expect(webhook.received.map((r) => r.key)).toEqual([message.id, message.id]);
    expect(webhook.received[1]?.body).toEqual(message);
  });

  it('should give up on a webhook that does not answer within its timeout', async () => {
    const notifier = createWebhookNotifier({ url: `${webhook.url}/slow`, timeoutMs: 200 });
    const started = Date.now();
    const error = await notifier.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
