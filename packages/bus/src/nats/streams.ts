import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

import type { ServiceName } from '@anbu/contracts';
import { SERVICE_NAMES } from '@anbu/contracts';

/** How long JetStream remembers message ids for dedupe (its default). */
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
/** Events are kept this long for durables that fall behind or start late. */
export const DEFAULT_STREAM_MAX_AGE_MS = 30 * 24 * 3_600_000;

/** `ANBU_<SERVICE>`: the stream holding the events a service emits. */
export function streamName(service: ServiceName): string {
  return `ANBU_${service.toUpperCase()}`;
}

/** The service that owns an event subject `anbu.<service>.<entity>.<event>`. */
export function serviceOfSubject(subject: string): ServiceName | undefined {
  const segment = subject.split('.')[1];
  return SERVICE_NAMES.find((service) => service === segment);
}

export interface StreamSettings {
  readonly replicas: number;
  readonly duplicateWindowMs: number;
  readonly maxAgeMs: number;
}

/**
 * Creates or updates the stream of every service, so that any service may publish or consume
 * first. Safe to run from many replicas at once: an identical `add` is a no-op.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  settings: StreamSettings,
): Promise<void> {
  for (const service of SERVICE_NAMES) {
    const config: Partial<StreamConfig> & { name: string } = {
      name: streamName(service),
      subjects: [`anbu.${service}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: settings.replicas,
      duplicate_window: nanos(settings.duplicateWindowMs),
      max_age: nanos(settings.maxAgeMs),
    };
    try {
      await jsm.streams.add(config);
    } catch {
      // Exists with another configuration (an older deployment): bring it up to date.
      const { name, ...update } = config;
      await jsm.streams.update(name, update);
    }
  }
}
