import { defineAnbuConfig } from '@anbu/vitest-config';

// The k6 scenarios run in k6 only; the runner's pure parts are tested here.
export default defineAnbuConfig({ test: { include: ['tools/**/*.test.ts'] } });
