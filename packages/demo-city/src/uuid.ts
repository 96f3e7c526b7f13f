import { sha1, toHex } from './sha1.js';

/** The namespace of every demo-city id (a fixed, arbitrary v4 UUID). */
export const DEMO_CITY_NAMESPACE = '6f1c2a52-8d3e-4b7a-9c1d-2e4f5a6b7c8d';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a uuid: ${uuid}`);
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/**
 * A name-based UUID, version 5 (RFC 9562 §5.5): the same namespace and name always give the
 * same id, which keeps demo ids stable across runs and machines.
 * @example uuidV5('ns-uuid', 'household:iksan:42')
 */
export function uuidV5(namespace: string, name: string): string {
  const ns = uuidBytes(namespace);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(ns.length + nameBytes.length);
  input.set(ns);
  input.set(nameBytes, ns.length);
  const hash = sha1(input);
  const bytes = hash.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
