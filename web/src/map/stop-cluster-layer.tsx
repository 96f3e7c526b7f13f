// leaflet.markercluster extends the global `L` that Leaflet's UMD build sets: Leaflet first.
import L from 'leaflet';

import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';

import type { MarkerCluster } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';
import type { MapStopStatus } from './stop-status.js';
import { STOP_STATUS_STYLE } from './stop-status.js';

/** A stop among thousands: drawn clustered until the map is zoomed in. */
export interface ClusteredStop {
  readonly id: string;
  readonly position: LatLngTuple;
  readonly status: MapStopStatus;
  readonly title: string;
}

/** Zoom from which every stop shows on its own. */
export const DEFAULT_DISABLE_CLUSTERING_AT_ZOOM = 16;

function clusterIcon(cluster: MarkerCluster) {
  const count = cluster.getChildCount();
  const size = count < 50 ? 34 : count < 500 ? 42 : 50;
  return L.divIcon({
    className: 'stop-cluster',
    html: `<span>${count.toLocaleString()}</span>`,
    iconSize: [size, size],
  });
}

/**
 * Thousands of stops as one clustered layer (leaflet.markercluster): clusters are counted
 * bubbles, single stops are canvas dots in their status colour. Markers are built imperatively
 * rather than as React elements, which keeps 3,000+ stops responsive.
 */
export function StopClusterLayer({
  stops,
  disableClusteringAtZoom = DEFAULT_DISABLE_CLUSTERING_AT_ZOOM,
  onSelect,
}: {
  stops: readonly ClusteredStop[];
  disableClusteringAtZoom?: number;
  onSelect?: ((stopId: string) => void) | undefined;
}) {
  const map = useMap();
  // The latest handler without rebuilding every marker when the parent re-renders.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    // One canvas draws every unclustered stop: thousands of DOM markers would not stay smooth.
    const renderer = L.canvas({ padding: 0.3, pane: 'markerPane' });
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      animate: false,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      disableClusteringAtZoom,
      maxClusterRadius: 50,
      iconCreateFunction: clusterIcon,
    });
    const markers = stops.map((stop) => {
      const style = STOP_STATUS_STYLE[stop.status];
      const marker = L.circleMarker([stop.position[0], stop.position[1]], {
        renderer,
        radius: 6,
        color: style.stroke,
        weight: 2,
        fillColor: style.fill,
        fillOpacity: 1,
      });
      marker.bindTooltip(stop.title, { direction: 'top', offset: [0, -6] });
      marker.on('click', () => onSelectRef.current?.(stop.id));
      return marker;
    });
    group.addLayers(markers);
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
    };
  }, [map, stops, disableClusteringAtZoom]);

  return null;
}
