import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import * as root from './index.js';

const domainFiles = readdirSync(new URL('./domain/', import.meta.url)).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
);

describe('@anbu/contracts', () => {
  it('should re-export every value of every domain module', async () => {
    expect(domainFiles.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const file of domainFiles) {
      const module = (await import(`./domain/${file.replace(/\.ts$/, '.js')}`)) as object;
      for (const name of Object.keys(module)) if (!(name in root)) missing.push(`${file}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
