import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { readNatsConfig } from './nats-config.js';
import { findNatsServer } from './start-nats-server.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const configDir = join(repoRoot, 'infra', 'nats');

function configFiles(): string[] {
  // A missing folder or an empty one fails the test below instead of skipping it.
  if (!existsSync(configDir)) return [];
  return readdirSync(configDir)
    .filter((name) => name.endsWith('.conf'))
    .map((name) => join(configDir, name));
}

describe('production NATS configuration (infra/nats/*.conf)', () => {
  const files = configFiles();

  it('should exist', () => {
    expect(files.length, `no *.conf in ${configDir}`).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`should set jetstream.sync_interval: always in ${file.slice(repoRoot.length + 1)}`, () => {
      const settings = readNatsConfig(readFileSync(file, 'utf8'));
      expect(settings.get('jetstream.sync_interval')).toBe('always');
    });
  }

  it.skipIf(!findNatsServer())('should be accepted by nats-server -t', () => {
    const bin = findNatsServer() ?? 'nats-server';
    for (const file of files) {
      const check = spawnSync(bin, ['-t', '-c', file], { encoding: 'utf8' });
      expect(check.status, `${file}: ${check.stderr}`).toBe(0);
    }
  });
});

describe('readNatsConfig', () => {
  it('should find sync_interval in block, inline and quoted forms', () => {
    expect(
      readNatsConfig('jetstream {\n  sync_interval: always\n}').get('jetstream.sync_interval'),
    ).toBe('always');
    expect(
      readNatsConfig('jetstream { store_dir: "/d", sync_interval: always }').get(
        'jetstream.sync_interval',
      ),
    ).toBe('always');
    expect(
      readNatsConfig('jetstream: {\n sync_interval = "always"\n}').get('jetstream.sync_interval'),
    ).toBe('always');
  });

  it('should not count a commented-out, misplaced or different setting', () => {
    expect(
      readNatsConfig('jetstream {\n  # sync_interval: always\n}').get('jetstream.sync_interval'),
    ).toBeUndefined();
    expect(
      readNatsConfig('sync_interval: always\njetstream {}').get('jetstream.sync_interval'),
    ).toBeUndefined();
    expect(readNatsConfig('jetstream { sync_interval: "2m" }').get('jetstream.sync_interval')).toBe(
      '2m',
    );
  });

  it('should read past lists and host:port values', () => {
    const text =
      'listen: 0.0.0.0:4222\ncluster { routes: [\n nats-route://a:6222\n nats-route://b:6222\n] }\njetstream { sync_interval: always }';
    const settings = readNatsConfig(text);
    expect(settings.get('listen')).toBe('0.0.0.0:4222');
    expect(settings.get('jetstream.sync_interval')).toBe('always');
  });
});
