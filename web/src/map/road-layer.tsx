import { LayerGroup, Polyline } from 'react-leaflet';

import type { RoadClass, RoadLine } from './city-geography.js';

/** Line widths per class: a pale casing under a warm fill, as printed road maps draw them. */
const WIDTHS: Readonly<Record<RoadClass, number>> = { trunk: 6, primary: 4.5, secondary: 3 };
const FILL: Readonly<Record<RoadClass, string>> = {
  trunk: '#e8a33d',
  primary: '#f2c46d',
  secondary: '#fbe3a6',
};

/** The city's main roads, drawn under routes and stops. */
export function RoadLayer({ roads }: { roads: readonly RoadLine[] }) {
  return (
    <LayerGroup>
      {roads.map((road) => (
        <Polyline
          key={`casing-${road.id}`}
          positions={road.path.map(([lat, lng]) => [lat, lng])}
          pathOptions={{ color: '#a07c3c', weight: WIDTHS[road.roadClass] + 2, opacity: 0.55 }}
          interactive={false}
        />
      ))}
      {roads.map((road) => (
        <Polyline
          key={road.id}
          positions={road.path.map(([lat, lng]) => [lat, lng])}
          pathOptions={{ color: FILL[road.roadClass], weight: WIDTHS[road.roadClass], opacity: 1 }}
          interactive={false}
        />
      ))}
    </LayerGroup>
  );
}
