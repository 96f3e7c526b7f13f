import { parseArgs } from 'node:util';

import type { SignalSource } from '@anbu/contracts';
import { signalSourceSchema } from '@anbu/contracts';
import { createDemoCity, DEFAULT_DEMO_SEED } from '@anbu/demo-city';

import { feedSignals } from './simulate/feed-signals.js';
import { planSignals } from './simulate/plan-signals.js';

const HELP = `Feeds the demo city with check-in signals through the partner REST API.

  pnpm --filter @anbu/care simulate -- --key ai_call=anbu_… --key phone_inactivity=anbu_…
      [--key smart_plug=anbu_…] [--key iot_sensor=anbu_…] [--url http://localhost:3000]
      [--households 300] [--hours-ago 3] [--seed demo]

--key         <source>=<API key> of each feed (apiKeys.create with signalSource): a feed's key
              posts its own source only; signals of a source without a key are not sent
--households  how many demo households the feeds watch (the highest risk first)
--hours-ago   the simulated calls start this long ago: unanswered ones alert at once
`;

/** The `--key <source>=<key>` pairs by source; undefined when one is malformed. */
function feedKeys(pairs: readonly string[]): Map<SignalSource, string> | undefined {
  const keys = new Map<SignalSource, string>();
  for (const pair of pairs) {
    const [source, key] = pair.split('=', 2);
    const parsed = signalSourceSchema.safeParse(source);
    if (!parsed.success || !key) return undefined;
    keys.set(parsed.data, key);
  }
  return keys;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      key: { type: 'string', multiple: true },
      households: { type: 'string', default: '300' },
      'hours-ago': { type: 'string', default: '3' },
      seed: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      help: { type: 'boolean', default: false },
    },
  });
  const keys = feedKeys(values.key ?? []);
  if (values.help || !keys || keys.size === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  const households = [...createDemoCity({ seed: DEFAULT_DEMO_SEED }).households]
    .sort((a, b) => rank[a.riskLevel] - rank[b.riskLevel])
    .slice(0, Number(values.households))
    .map((h) => ({ id: h.id, riskLevel: h.riskLevel }));
  const start = new Date(Date.now() - Number(values['hours-ago']) * 3600_000);
  const signals = planSignals({ households, seed: values.seed, start });
  const report = await feedSignals({
    signals,
    runId: values.seed,
    send: async ({ householdId, ...signal }, idempotencyKey) => {
      const key = keys.get(signal.source);
      if (!key) throw new Error(`no --key for the ${signal.source} feed`);
      const res = await fetch(new URL('/api/v1/signals', values.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${key}`,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ household: householdId, ...signal }),
      });
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    },
  });
  process.stdout.write(`${JSON.stringify({ households: households.length, ...report })}\n`);
  return report.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
