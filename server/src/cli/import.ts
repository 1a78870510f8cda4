// `npm run import -- <path> [--dry-run] [--source name]`: validates and imports a bundle or graph
// file into the configured Neo4j, printing progress and the report (problems, merges, counts).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { writeAuditEvent } from '../store/audit.js';
import { readImportInput } from '../import/read-input.js';
import { importParsed, type ImportReport } from '../import/import-bundle.js';
import type { ImportProblem } from '../import/types.js';

const USAGE = `Usage: npm run import -- <folder|bundle.zip|file.json|file.gexf|file.graphml> [--dry-run] [--source name]`;

const where = (p: ImportProblem): string =>
  [p.file, p.row !== undefined ? `row ${p.row}` : undefined, p.column ? `column ${p.column}` : undefined]
    .filter(Boolean)
    .join(', ');

export function formatReport(report: ImportReport, maxLines = 50): string {
  const lines: string[] = [];
  const c = report.counts;
  if (!report.ok) {
    lines.push(`REJECTED: ${report.errors.length} error(s); nothing was written.`);
    for (const e of report.errors.slice(0, maxLines)) lines.push(`  error   ${where(e)}: ${e.message}`);
    if (report.errors.length > maxLines) lines.push(`  … and ${report.errors.length - maxLines} more`);
  } else {
    lines.push(
      `${report.dryRun ? 'DRY RUN (nothing written)' : 'IMPORTED'}: ${c.stakeholders} stakeholders from ${c.records} records, ` +
        `${c.roles} roles, ${c.ties} ties, ${c.communities} communities, ${c.memberships} memberships` +
        (report.dryRun ? '' : ` — ${report.created} created, ${report.updated} updated`) +
        ` in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
  }
  for (const w of report.warnings.slice(0, maxLines)) lines.push(`  warning ${where(w)}: ${w.message}`);
  if (report.warnings.length > maxLines) lines.push(`  … and ${report.warnings.length - maxLines} more warnings`);
  if (report.merges.length > 0) {
    lines.push(`Merges (${report.merges.length}):`);
    for (const m of report.merges.slice(0, maxLines)) {
      lines.push(`  ${m.stakeholder} ← ${m.records.join(', ')} (matched on ${m.matchedOn} ${m.value})`);
    }
    if (report.merges.length > maxLines) lines.push(`  … and ${report.merges.length - maxLines} more merges`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, source: { type: 'string' }, help: { type: 'boolean' } },
  });
  const path = positionals[0];
  if (values.help || !path) {
    console.log(USAGE);
    process.exit(path ? 0 : 2);
  }
  const started = Date.now();
  const parse = await readImportInput(path, values.source ? { source: values.source } : {});
  console.log(`Parsed ${path} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  const database = await openDatabase(loadConfig(), (line) => console.log(line));
  try {
    await migrate(database.db);
    let lastPrint = 0;
    const report = await importParsed(database.db, parse, {
      dryRun: values['dry-run'],
      onProgress: (p) => {
        if (Date.now() - lastPrint < 1000 && p.done < p.total) return;
        lastPrint = Date.now();
        const percent = ((100 * p.done) / Math.max(p.total, 1)).toFixed(1);
        console.log(
          `  ${p.phase.padEnd(18)} ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows (${percent}%), ${p.rowsPerSecond.toLocaleString('en')} rows/s`,
        );
      },
    });
    console.log(formatReport(report));
    await writeAuditEvent(database.db, {
      actor: 'cli',
      action: 'import',
      targets: [],
      counts: { ...report.counts, created: report.created, updated: report.updated, dryRun: report.dryRun },
      outcome: report.ok ? 'ok' : 'BAD_USER_INPUT',
    });
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
