// Vitest reads workspace packages from source: an alias per `exports` entry that carries the
// `@anbu/source` condition, so tests need no prior build (STYLE §6, like tRPC's vitest.config.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';

function findRoot(from) {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = up;
  }
  return dir;
}

function packageDirs(root) {
  const dirs = [];
  for (const group of ['packages', 'services']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) dirs.push(join(base, name));
  }
  for (const single of ['web', 'loadtests']) dirs.push(join(root, single));
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

/** Regex aliases from every workspace package's `@anbu/source` export conditions. */
export function sourceAliases(from = process.cwd()) {
  const aliases = [];
  for (const dir of packageDirs(findRoot(from))) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (typeof pkg.exports !== 'object' || pkg.exports === null) continue;
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const source = typeof target === 'object' && target !== null ? target['@anbu/source'] : undefined;
      if (typeof source !== 'string') continue;
      const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: resolve(dir, source) });
    }
  }
  return aliases;
}

/** The shared Vitest config for a package; `overrides` are merged over it. */
export function defineAnbuConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      resolve: { alias: sourceAliases() },
      test: {
        include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
        // Generous: CI shares 2 cores between PGlite (WASM), PostgreSQL and nats-server start-ups.
        testTimeout: 120_000,
        hookTimeout: 180_000,
        reporters: process.env.CI ? ['default', 'json'] : ['default'],
        outputFile: process.env.CI ? { json: '.cache/vitest-report.json' } : undefined,
      },
    }),
    overrides,
  );
}
