/** Encodes the last id of a page as an opaque cursor. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeCursor}; a foreign cursor restarts from the beginning. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

/** Splits `limit + 1` fetched rows into a page and the next cursor. */
export function toPage<R extends { id: string }, T>(
  rows: readonly R[],
  options: { limit: number; map: (row: R) => T },
): { items: T[]; nextCursor?: string } {
  const more = rows.length > options.limit;
  const pageRows = more ? rows.slice(0, options.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(options.map),
    ...(more && last ? { nextCursor: encodeCursor(last.id) } : {}),
  };
}
