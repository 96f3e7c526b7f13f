export { startEmbedded } from './start-embedded.js';
export type { EmbeddedOptions, EmbeddedSystem } from './start-embedded.js';
export { seedDemoCity, EMBEDDED_SCHEMA } from './seed.js';
export type { SeedReport } from './seed.js';
