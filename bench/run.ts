// `npm run bench`: import, API and analytics benchmarks at a stated scale; prints the floors and writes docs/benchmarks.md.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runImportBench, type ImportBenchResult } from './import-bench.js';
import { runApiBench } from './api-bench.js';
import { runLouvainCompare } from './louvain-compare.js';
import { runCompareBench, type CompareOptions } from './compare/compare-bench.js';
import { runInteractionBench } from './interactions-bench.js';
import {
  fmtInt,
  fmtSeconds,
  floorsTable,
  loadAverage,
  machineInfo,
  printTable,
  writeBenchmarks,
  type Floor,
  type Table,
} from './report.js';

const SCALES = {
  demo: {
    stakeholders: 2_000,
    ties: 20_000,
    api: { warmupMs: 2_000, durationMs: 5_000, maxRequests: 5_000 },
    compare: {
      sequential: 300,
      sequentialWarmup: 30,
      sequentialMs: 15_000,
      sliceSequential: 15,
      warmupMs: 2_000,
      durationMs: 5_000,
    },
    analytics: [[2_000, 20_000]],
    interactions: { stakeholders: 2_000, ties: 20_000, interactions: 20_000, logs: 200 },
  },
  medium: {
    stakeholders: 10_000,
    ties: 100_000,
    api: { warmupMs: 3_000, durationMs: 10_000, maxRequests: 20_000 },
    compare: {
      sequential: 300,
      sequentialWarmup: 30,
      sequentialMs: 20_000,
      sliceSequential: 10,
      warmupMs: 3_000,
      durationMs: 10_000,
    },
    analytics: [[10_000, 100_000]],
    interactions: { stakeholders: 10_000, ties: 100_000, interactions: 100_000, logs: 300 },
  },
  large: {
    stakeholders: 100_000,
    ties: 1_000_000,
    api: { warmupMs: 5_000, durationMs: 20_000, maxRequests: 40_000 },
    compare: {
      sequential: 300,
      sequentialWarmup: 30,
      sequentialMs: 30_000,
      sliceSequential: 5,
      warmupMs: 5_000,
      durationMs: 20_000,
    },
    analytics: [
      [10_000, 100_000],
      [100_000, 1_000_000],
    ],
    // The floors of issue 10 are set at 1,000,000 interactions; the people they relate are the medium ecosystem's.
    interactions: { stakeholders: 10_000, ties: 100_000, interactions: 1_000_000, logs: 300 },
  },
} as const satisfies Record<
  string,
  {
    stakeholders: number;
    ties: number;
    api: object;
    compare: Omit<CompareOptions, 'concurrency' | 'maxRequests' | 'agreementSamples'>;
    analytics: ReadonlyArray<readonly [number, number]>;
    interactions: { stakeholders: number; ties: number; interactions: number; logs: number };
  }
>;
type ScaleName = keyof typeof SCALES;
const PARTS = ['import', 'api', 'compare', 'analytics', 'louvain', 'interactions'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `npm run bench -- [--scale demo|medium|large] [--only import,api,compare,analytics,louvain,interactions] [--batch-size N] [--lanes N] [--heap 4g] [--page-cache 4g] [--out docs/benchmarks.md] [--keep]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'large' },
      only: { type: 'string', default: PARTS.join(',') },
      'batch-size': { type: 'string' },
      lanes: { type: 'string' },
      heap: { type: 'string', default: '4g' },
      'page-cache': { type: 'string', default: '4g' },
      out: { type: 'string', default: fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)) },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!(values.scale in SCALES)) throw new Error(`--scale must be demo, medium or large. ${USAGE}`);
  const scaleName = values.scale as ScaleName;
  const scale = SCALES[scaleName];
  const parts = values.only.split(',').map((p) => p.trim());
  for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`unknown part '${p}'. ${USAGE}`);
  for (const size of [values.heap, values['page-cache']])
    if (!/^\d+[kmg]$/i.test(size)) throw new Error(`memory sizes look like 512m or 4g, not '${size}'. ${USAGE}`);
  const want = (p: Part): boolean => parts.includes(p);
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  const lanes = values.lanes ? Number(values.lanes) : undefined;

  const started = performance.now();
  const loadStart = loadAverage();
  console.log(
    `Bench at scale ${scaleName} (${fmtInt(scale.stakeholders)} stakeholders / ${fmtInt(scale.ties)} ties); parts ${parts.join(', ')}; load average ${loadStart}`,
  );

  const tables: Table[] = [];
  const floors: Floor[] = [];
  const notes: string[] = [];
  let neo4jVersion = 'not started';
  let imported: ImportBenchResult | undefined;
  const stop = async (): Promise<void> => {
    await imported?.close();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));

  try {
    if (want('import') || want('api') || want('compare')) {
      imported = await runImportBench({
        stakeholders: scale.stakeholders,
        ties: scale.ties,
        seed: 1,
        heap: values.heap,
        pageCache: values['page-cache'],
        batchSize,
        lanes,
        keep: values.keep,
        // @neo4j/graphql, which the compare part measures against, needs APOC core.
        plugins: want('compare') ? ['apoc'] : [],
      });
      neo4jVersion = imported.neo4jVersion;
      notes.push(...imported.notes);
      if (want('import')) {
        tables.push(...imported.tables);
        floors.push(...imported.floors);
      } else {
        notes.push(
          `Import ran only to load the database of the API and compare parts (${fmtSeconds(imported.runs[0]?.wallMs ?? 0)}); not reported.`,
        );
      }
      if (want('api')) {
        const api = await runApiBench(imported.db, { concurrency: 20, ...scale.api });
        tables.push(...api.tables);
        floors.push(...api.floors);
      }
      if (want('compare')) {
        const { uri, auth } = imported.neo4j;
        const compare = await runCompareBench(
          imported.db,
          { uri, username: auth.username, password: auth.password },
          { ...scale.compare, concurrency: 20, maxRequests: scale.api.maxRequests, agreementSamples: 20 },
        );
        tables.push(...compare.tables);
        floors.push(...compare.floors);
        notes.push(...compare.notes);
      }
      await stop();
    }
    if (want('analytics')) {
      const analytics = await import('./analytics.js').catch(() => undefined);
      if (analytics && typeof analytics.runAnalyticsBench === 'function') {
        console.log('\nAnalytics (in memory, graphology; bench/analytics.ts)…');
        const rows = analytics.runAnalyticsBench(scale.analytics.map(([n, m]) => [n, m]));
        tables.push({
          title: 'Analytics (in memory, on planted random graphs; bench/analytics.ts)',
          columns: ['graph', 'nodes', 'ties', 'step', 'ms', 'note'],
          numeric: [1, 2, 4],
          rows: rows.map((r) => [r.graph, fmtInt(r.nodes), fmtInt(r.ties), r.step, fmtInt(r.ms), r.note]),
        });
      } else {
        notes.push('bench/analytics.ts has no runAnalyticsBench(); analytics skipped.');
      }
    }
    if (want('interactions')) {
      console.log('\nInteractions: import, strength recomputation, log-and-see (bench/interactions-bench.ts)…');
      const result = await runInteractionBench({
        ...scale.interactions,
        seed: 1,
        heap: values.heap,
        pageCache: values['page-cache'],
        keep: values.keep,
      });
      if (neo4jVersion === 'not started') neo4jVersion = result.neo4jVersion;
      tables.push(...result.tables);
      floors.push(...result.floors);
      notes.push(...result.notes);
    }
    if (want('louvain')) {
      console.log('\nLouvain side by side with igraph (bench/louvain-compare.ts)…');
      const louvain = await runLouvainCompare();
      tables.push(...louvain.tables);
      floors.push(...louvain.floors);
      notes.push(...louvain.notes);
    }
  } finally {
    await stop();
  }

  const loadEnd = loadAverage();
  for (const t of tables) printTable(t);
  printTable({ ...floorsTable(floors), title: `Floors (load average ${loadStart} at start, ${loadEnd} at end)` });
  writeBenchmarks({
    path: values.out,
    scale: `${scaleName}: ${fmtInt(scale.stakeholders)} stakeholders, ${fmtInt(scale.ties)} ties (seed 1)`,
    machine: machineInfo(neo4jVersion),
    loadStart,
    loadEnd,
    durationMs: performance.now() - started,
    floors,
    tables,
    notes,
  });
  console.log(`\nWrote ${values.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
