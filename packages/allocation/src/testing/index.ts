export { generateInstance } from './generate.js';
export type { GenerateOptions } from './generate.js';
export { createRng } from './random.js';
