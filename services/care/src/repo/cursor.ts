/** The position after the last item of a newest-first page. */
export interface TimeCursor {
  readonly at: string;
  readonly id: string;
}

/** An opaque page cursor of a time-ordered list. */
export function encodeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or undefined for a foreign one (the list restarts from the top). */
export function decodeCursor(cursor: string | undefined): TimeCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as Partial<TimeCursor>;
    if (
      typeof parsed.at === 'string' &&
      typeof parsed.id === 'string' &&
      !Number.isNaN(Date.parse(parsed.at))
    ) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // A foreign cursor restarts from the top.
  }
  return undefined;
}
