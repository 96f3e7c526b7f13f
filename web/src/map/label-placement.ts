/** A screen rectangle in pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A label that wants to be drawn centred on (`x`, `y`). Lower `rank` places first. */
export interface LabelCandidate {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly rank: number;
  /** Drawn whatever it overlaps (the district the user picked); others then avoid it. */
  readonly pinned?: boolean;
}

/** Pixel height of a district label (12 px type plus its halo). */
export const LABEL_HEIGHT_PX = 18;

/**
 * The label's width in pixels at 12 px type: Hangul is about a full em, Latin about half of one.
 * An estimate is enough to keep labels apart; measuring the DOM for hundreds of them is not.
 */
export function estimateLabelWidth(text: string): number {
  let width = 8; // the halo on both sides
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x1100 ? 12.5 : 7;
  return width;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Greedy label placement: pinned labels first, then in rank order a label is kept when its box
 * overlaps no kept label and no obstacle (markers). Returns the ids to draw.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  {
    obstacles = [],
    height = LABEL_HEIGHT_PX,
  }: { obstacles?: readonly Box[]; height?: number } = {},
): Set<string> {
  const kept = new Set<string>();
  const taken: Box[] = [...obstacles];
  const ordered = [...candidates].sort(
    (a, b) => Number(b.pinned ?? false) - Number(a.pinned ?? false) || a.rank - b.rank,
  );
  for (const candidate of ordered) {
    const width = estimateLabelWidth(candidate.text);
    const box = { x: candidate.x - width / 2, y: candidate.y - height / 2, width, height };
    if (!candidate.pinned && taken.some((other) => overlaps(box, other))) continue;
    taken.push(box);
    kept.add(candidate.id);
  }
  return kept;
}
