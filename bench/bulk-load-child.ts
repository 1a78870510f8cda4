// Child process of `npm run bench:analysis -- --bulk`: generates the ecosystem, loads it through the offline bulk
// path (docs/decisions/075-offline-bulk-import.md) into an embedded home, stops that Neo4j and exits. The parent
// then starts Neo4j on the loaded store: its peak memory is that of its analysis runs, not of the bundle's parse.
import { parseArgs } from 'node:util';
import { writeEcosystem } from '../seeds/generate.js';
import { loadConfig } from '../server/src/config.js';
import { bulkLoad } from '../server/src/import/bulk-load.js';
import { readImportInput } from '../server/src/import/read-input.js';

/** What the child reports to its parent (one IPC message). */
export interface BulkChildResult {
  stakeholders: number;
  ties: number;
  generateMs: number;
  parseMs: number;
  phases: Record<string, number>;
  peakRssBytes: number;
}

const { values } = parseArgs({
  options: {
    bundle: { type: 'string' },
    home: { type: 'string' },
    stakeholders: { type: 'string' },
    ties: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.bundle || !values.home) throw new Error('--bundle and --home are required');
const stakeholders = Number(values.stakeholders);
const ties = Number(values.ties);
if (!Number.isInteger(stakeholders) || !Number.isInteger(ties) || stakeholders < 1 || ties < 0) {
  throw new Error(`--stakeholders and --ties must be integers, got ${values.stakeholders} / ${values.ties}`);
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
let t = performance.now();
await writeEcosystem(values.bundle, { stakeholders, ties, interactions: 0, seed: Number(values.seed) });
const generateMs = performance.now() - t;
t = performance.now();
const parse = await readImportInput(values.bundle);
const parseMs = performance.now() - t;
if (parse.errors.length > 0) throw new Error(`bundle has ${parse.errors.length} errors, first: ${parse.errors[0]?.message}`);
const config = loadConfig();
// The load's own Neo4j only creates the indexes; the parent restarts it with its heap and plugins.
const loaded = await bulkLoad(parse, {
  embedded: { ...config.embedded, homeDir: values.home, boltPort: 0, heap: '2g', pageCache: '1g', ephemeral: true },
  database: config.database,
  log: (line) => console.log(`  [bulk] ${line}`),
});
try {
  if (!loaded.report.ok) throw new Error(`bulk load rejected the bundle: ${loaded.report.errors[0]?.message}`);
} finally {
  await loaded.db?.driver.close();
  await loaded.neo4j?.stop();
  clearInterval(sampler);
}
const result: BulkChildResult = {
  stakeholders: loaded.report.counts.stakeholders,
  ties: loaded.report.counts.ties,
  generateMs,
  parseMs,
  phases: { ...loaded.phases },
  peakRssBytes: Math.max(peakRss, process.memoryUsage().rss),
};
process.send?.(result);
