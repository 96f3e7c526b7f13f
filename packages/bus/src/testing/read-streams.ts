import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** One stored JetStream message, as text. */
export interface StoredMessage {
  readonly stream: string;
  readonly subject: string;
  readonly headers: string;
  readonly data: string;
}

/**
 * Every message of every stream on the server at `url`, read from the first with ordered
 * consumers: what a privacy test searches for personal data that must not be there.
 * @example
 * const messages = await readAllStreams(nats.url);
 * expect(messages.some((m) => m.data.includes(sentinel))).toBe(false);
 */
export async function readAllStreams(url: string): Promise<StoredMessage[]> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const out: StoredMessage[] = [];
    for await (const info of jsm.streams.list()) {
      const stream = info.config.name;
      const total = info.state.messages;
      if (total === 0) continue;
      const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.All });
      let seen = 0;
      while (seen < total) {
        const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
        let got = 0;
        for await (const msg of batch) {
          const { headers } = msg;
          out.push({
            stream,
            subject: msg.subject,
            headers: headers
              ? headers
                  .keys()
                  .map((key) => `${key}: ${headers.values(key).join(', ')}`)
                  .join('\n')
              : '',
            data: msg.string(),
          });
          got++;
        }
        if (got === 0) throw new Error(`read ${seen} of ${total} messages of ${stream}`);
        seen += got;
      }
    }
    return out;
  } finally {
    await nc.close();
  }
}
