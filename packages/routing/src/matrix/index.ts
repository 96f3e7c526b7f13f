export { DenseMatrix } from './dense-matrix.js';
export { createEuclideanMatrix } from './euclidean.js';
export type { EuclideanOptions } from './euclidean.js';
export { createHaversineMatrix, DEFAULT_SPEEDS_KMH, EARTH_RADIUS_M } from './haversine.js';
export type { HaversineOptions } from './haversine.js';
export { DENSE_LIMIT } from './travel-matrix.js';
export type { TravelMatrix } from './travel-matrix.js';
