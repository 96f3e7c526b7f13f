import type { StopStatus } from '@anbu/contracts';

/**
 * What a stop marker shows: the stop's status from the contracts, or `unassigned` for a stop
 * the plan could not fit into any route.
 */
export type MapStopStatus = StopStatus | 'unassigned';

/**
 * Fill and outline per status. Blue / purple / green / orange / red / grey stay apart for the
 * common colour-vision deficiencies; the DOM markers add a shape cue (square for failed or
 * refused, hollow for unassigned) through the CSS classes `stop-marker--<status>` in map.css.
 * The `satisfies` makes a status added to the contracts fail the build until it has a style.
 */
export const STOP_STATUS_STYLE = Object.freeze({
  planned: { fill: '#2f6fb0', stroke: '#ffffff' },
  arrived: { fill: '#8a5cc2', stroke: '#ffffff' },
  delivered: { fill: '#1f8a5b', stroke: '#ffffff' },
  not_home: { fill: '#d98a1c', stroke: '#ffffff' },
  refused: { fill: '#b45309', stroke: '#4a2304' },
  failed: { fill: '#c23b3b', stroke: '#5f1010' },
  skipped: { fill: '#9ca3af', stroke: '#ffffff' },
  unassigned: { fill: '#ffffff', stroke: '#6b7280' },
} satisfies Record<MapStopStatus, { fill: string; stroke: string }>);

/** Every status the map knows, in legend order. */
export const MAP_STOP_STATUSES = Object.keys(STOP_STATUS_STYLE) as MapStopStatus[];

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
