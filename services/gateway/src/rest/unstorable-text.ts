const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string in `value` that PostgreSQL cannot store as text: one holding
 * NUL (U+0000) or a lone UTF-16 surrogate. Zod accepts both, and the database then fails with a
 * server error deep in a service (schemathesis found the 500), so the edge refuses them first.
 * @example
 * unstorableTextPath({ items: [{ description: 'a\u0000b' }] }) // 'items.0.description'
 */
export function unstorableTextPath(
  value: unknown,
  path: readonly string[] = [],
): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path.join('.') : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextPath(item, [...path, String(index)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableTextPath(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
