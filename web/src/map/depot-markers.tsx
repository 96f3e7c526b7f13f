import { divIcon } from 'leaflet';
import { useTranslation } from 'react-i18next';
import { LayerGroup, Marker, Tooltip } from 'react-leaflet';

import type { DepotKind, DepotPoint } from './city-geography.js';

/** A building glyph per depot kind, drawn in a rounded square (distinct from round stops). */
const GLYPHS: Readonly<Record<DepotKind, string>> = {
  // An envelope.
  post_office: '<path d="M5 8h14v9H5z M5 8l7 5 7-5" />',
  // A bowl with steam.
  kitchen: '<path d="M5 12h14a7 7 0 0 1-14 0z M9 6c0 1.5 1 1.5 1 3 M13 6c0 1.5 1 1.5 1 3" />',
  // A box.
  food_bank: '<path d="M5 9l7-3 7 3v8l-7 3-7-3z M5 9l7 3 7-3 M12 12v8" />',
};

const icons = new Map(
  (Object.keys(GLYPHS) as DepotKind[]).map((kind) => [
    kind,
    divIcon({
      className: `depot-marker depot-marker--${kind}`,
      html: `<svg viewBox="0 0 24 24" aria-hidden="true">${GLYPHS[kind]}</svg>`,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
    }),
  ]),
);

/** Depots (post office, kitchen, food bank) with their names on hover and focus. */
export function DepotMarkers({ depots }: { depots: readonly DepotPoint[] }) {
  const { t } = useTranslation();
  return (
    <LayerGroup>
      {depots.map((depot) => (
        <Marker
          key={depot.id}
          position={[depot.position[0], depot.position[1]]}
          icon={icons.get(depot.kind) ?? divIcon()}
          title={`${t(`map.depotKinds.${depot.kind}`)} · ${depot.name}`}
          alt={depot.name}
          zIndexOffset={1000}
        >
          <Tooltip direction="top" offset={[0, -14]}>
            <strong>{depot.name}</strong>
            <br />
            {t(`map.depotKinds.${depot.kind}`)}
          </Tooltip>
        </Marker>
      ))}
    </LayerGroup>
  );
}
