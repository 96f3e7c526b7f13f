import { DEMO_CITY_NAMESPACE, uuidV5 } from './uuid.js';

/** A stable id for one demo entity: a UUID v5 of `<seed>:<kind>:<key>`. */
export function demoId(seed: string, kind: string, key: string | number): string {
  return uuidV5(DEMO_CITY_NAMESPACE, `${seed}:${kind}:${key}`);
}
