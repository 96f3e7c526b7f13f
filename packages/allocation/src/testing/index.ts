export { generateInstance } from './generate.js';
export type { GenerateOptions } from './generate.js';
export { createRng } from './random.js';
export { independentViolations } from './independent-check.js';
export { lotInput, needInput, problemOf } from './fixtures.js';
