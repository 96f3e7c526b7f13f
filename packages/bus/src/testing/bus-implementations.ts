import type { TestLogger } from '@anbu/db/testing';

import type { Bus } from '../bus.js';

/** One implementation under test: `bus` and `other` act as two replicas (two connections). */
export interface BusImplementation {
  readonly name: string;
  create(log: TestLogger): Promise<{ bus: Bus; other: Bus }>;
}

/** Further {@link Bus} implementations for the contract suite (NATS once a server is running). */
export function busImplementations(): BusImplementation[] {
  return [];
}
