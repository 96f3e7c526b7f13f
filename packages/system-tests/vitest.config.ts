import { defineAnbuConfig } from '@anbu/vitest-config';

// Each file starts its own PostgreSQL, nats-server and five services: one file at a time.
export default defineAnbuConfig({ test: { fileParallelism: false } });
