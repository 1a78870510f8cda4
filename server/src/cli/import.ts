// `npm run import -- <path> [--dry-run] [--source name] [--bulk]`: validates and imports a bundle or graph
// file into the configured Neo4j, printing progress and the report (problems, merges, counts).
// --bulk: first load of an embedded store that holds nothing, through Neo4j's offline importer.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { writeAuditEvent } from '../store/audit.js';
import { readImportInput } from '../import/read-input.js';
import { EMPTY_STORE, importParsed, prepareImport, type ImportReport } from '../import/import-bundle.js';
import { BulkLoadRefused, bulkLoad } from '../import/bulk-load.js';
import type { ParseResult } from '../import/types.js';
import type { AppConfig } from '../config.js';
import type { ImportProblem } from '../import/types.js';

const USAGE = `Usage: npm run import -- <folder|bundle.zip|file.json|file.gexf|file.graphml|file.ics|file.mbox> [--dry-run] [--source name] [--bulk] [--summaries]

  --summaries  .ics: keep each event's summary (personal data: not stored unless asked).
  --bulk   first load of the embedded store (ATLAS_DATA_DIR) when it holds nothing at all: validated and
           resolved as usual, then written by Neo4j's offline importer (neo4j-admin database import full).`;

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
        `${c.roles} roles, ${c.ties} ties, ${c.communities} communities, ${c.memberships} memberships, ${c.interactions} interactions` +
        (c.relationships > 0 ? ` (${c.relationships} relationship strengths recomputed)` : '') +
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
    options: {
      'dry-run': { type: 'boolean', default: false },
      source: { type: 'string' },
      bulk: { type: 'boolean', default: false },
      summaries: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const path = positionals[0];
  if (values.help || !path) {
    console.log(USAGE);
    process.exit(path ? 0 : 2);
  }
  const started = Date.now();
  const parse = await readImportInput(path, {
    ...(values.source ? { source: values.source } : {}),
    keepSummaries: values.summaries,
  });
  console.log(`Parsed ${path} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  const config = loadConfig();
  if (values.bulk) return bulkImport(config, parse, values['dry-run'], started);
  const database = await openDatabase(config, (line) => console.log(line));
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

/** The offline bulk path: only into the embedded store, only when it holds nothing. */
async function bulkImport(config: AppConfig, parse: ParseResult, dryRun: boolean, started: number): Promise<void> {
  if (config.neo4j) {
    console.error('--bulk loads the embedded store only: unset NEO4J_URI, or import without --bulk into that Neo4j.');
    process.exit(2);
  }
  if (dryRun) {
    // As the bulk path would resolve it: against an empty store.
    const prepared = await prepareImport(parse, EMPTY_STORE);
    const report: ImportReport = { ...prepared.report, created: 0, updated: 0, dryRun: true, durationMs: Date.now() - started };
    console.log(formatReport(report));
    process.exitCode = report.ok ? 0 : 1;
    return;
  }
  const log = (line: string): void => console.log(line);
  const loaded = await bulkLoad(parse, {
    embedded: { ...config.embedded, homeDir: config.embedded.dataDir, log },
    database: config.database,
    timeouts: { readMs: config.txTimeoutMs, writeMs: config.writeTxTimeoutMs },
    log,
  });
  console.log(formatReport(loaded.report));
  if (loaded.db && loaded.neo4j) {
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const p = loaded.phases;
    console.log(
      `Phases: plan ${seconds(p.plan)}, store check ${seconds(p.check)}, CSV ${seconds(p.csv)}, neo4j-admin ${seconds(p.importer)}, ` +
        `start ${seconds(p.start)}, migrations ${seconds(p.migrate)}.`,
    );
    try {
      await writeAuditEvent(loaded.db, {
        actor: 'cli',
        action: 'import',
        targets: [],
        counts: { ...loaded.report.counts, created: loaded.report.created, updated: 0, dryRun: false, bulk: true },
        outcome: 'ok',
      });
    } finally {
      await loaded.db.driver.close();
      await loaded.neo4j.stop();
    }
  }
  process.exitCode = loaded.report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  if (error instanceof BulkLoadRefused) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
