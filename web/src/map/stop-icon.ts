import type { DivIcon } from 'leaflet';
import { divIcon } from 'leaflet';

import type { MapStopStatus } from './stop-status.js';
import { STOP_STATUS_STYLE } from './stop-status.js';

const cache = new Map<string, DivIcon>();

/**
 * The DOM marker of a stop: a dot in its status colour (shape from CSS `stop-marker--<status>`), with its
 * visiting order inside when it belongs to a route. Icons are cached: thousands of stops share
 * a handful of them.
 */
export function stopIcon({
  status,
  order,
  ring,
}: {
  status: MapStopStatus;
  order?: number | undefined;
  /** The outline colour: the route's, so that a stop reads as part of its route. */
  ring?: string | undefined;
}): DivIcon {
  const key = `${status}:${order ?? ''}:${ring ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = order === undefined ? 14 : 22;
  const icon = divIcon({
    className: `stop-marker stop-marker--${status}${order === undefined ? '' : ' stop-marker--numbered'}`,
    html: `<span style="background:${STOP_STATUS_STYLE[status].fill};border-color:${ring ?? STOP_STATUS_STYLE[status].stroke}">${order ?? ''}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
  cache.set(key, icon);
  return icon;
}
