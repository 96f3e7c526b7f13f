/**
 * The states of a stop that the map colours. They follow the dispatch issue (planned, arrived,
 * delivered, not at home, failed, unassigned); when `@anbu/contracts` gains its stop schema,
 * this list should be replaced by that schema's enum.
 */
export const STOP_STATUSES = [
  'planned',
  'arrived',
  'delivered',
  'not_home',
  'failed',
  'unassigned',
] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

/**
 * Fill and outline per status. Blue / purple / green / orange / red / grey stay apart for the
 * common colour-vision deficiencies; the DOM markers add a shape cue (square for failed, hollow
 * for unassigned) through the CSS classes `stop-marker--<status>` in map.css.
 */
export const STOP_STATUS_STYLE: Readonly<Record<StopStatus, { fill: string; stroke: string }>> =
  Object.freeze({
    planned: { fill: '#2f6fb0', stroke: '#ffffff' },
    arrived: { fill: '#8a5cc2', stroke: '#ffffff' },
    delivered: { fill: '#1f8a5b', stroke: '#ffffff' },
    not_home: { fill: '#d98a1c', stroke: '#ffffff' },
    failed: { fill: '#c23b3b', stroke: '#5f1010' },
    unassigned: { fill: '#ffffff', stroke: '#6b7280' },
  });

/**
 * Route colours, in order: distinct hues of similar weight, readable on the pale base map and on
 * OpenStreetMap tiles. Routes beyond the palette reuse it in order.
 */
export const ROUTE_PALETTE = [
  '#1d4ed8',
  '#c2410c',
  '#047857',
  '#7c3aed',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4d7c0f',
  '#9f1239',
  '#1e40af',
] as const;

/** The colour of the `index`-th route (0-based). */
export function routeColour(index: number): string {
  const size = ROUTE_PALETTE.length;
  return ROUTE_PALETTE[((index % size) + size) % size] ?? ROUTE_PALETTE[0];
}
