import { defineAnbuConfig } from '@anbu/vitest-config';

export default defineAnbuConfig();
