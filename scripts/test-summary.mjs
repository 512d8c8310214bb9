// Prints vitest's JSON report as the plain closing line CI reads: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = report.numFailedTestSuites ?? 0;
console.log(
  `${report.numPassedTests} passed, ${report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0) + (failedSuites && !report.numFailedTests ? failedSuites : 0)} failed, ${skipped} skipped`,
);
