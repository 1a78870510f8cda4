// Prints the plain closing line of a test run ("Tests: N passed, N failed, N skipped") from
// vitest's JSON report, for CI logs.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('tests/artifacts/results.json', 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(
  `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
