// Sums the Vitest JSON reports every package wrote under .cache/, and the load-test smoke run's
// result, into the one line CI reads.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const packages = [];
for (const group of ['packages', 'services']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) packages.push(join(group, name));
}
packages.push('web', 'loadtests');
for (const dir of packages) {
  const file = join(dir, '.cache', 'vitest-report.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
}
// The load-test smoke run (infra/scripts/test.sh): its thresholds and lost-or-doubled check.
const smoke = join('loadtests', '.cache', 'loadtest-smoke.json');
if (existsSync(smoke)) {
  const result = JSON.parse(readFileSync(smoke, 'utf8'));
  passed += result.passed ?? 0;
  failed += result.failed ?? 0;
  console.log(`loadtests smoke (k6): ${result.passed} passed, ${result.failed} failed, 0 skipped`);
} else if (process.env.CI === 'true' && process.env.ANBU_SKIP_LOADTEST_SMOKE !== '1') {
  failed += 1;
  console.log('loadtests smoke (k6): no result (it did not run or crashed), 1 failed');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
