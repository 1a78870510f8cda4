// Louvain side by side: our partition and igraph's community_multilevel on the same edge lists, each as a whole child process (CPU time, peak memory, modularity).
//
// Run alone: npx tsx bench/louvain-compare.ts [--repeats 3]; `npm run bench` includes it as the
// `louvain` part. The network of the issue (SNAP email-Enron, 36,692 nodes / 183,831 ties) is not
// on this machine, so a seeded LFR-like graph of the same size stands in for it
// (bench/planted-edge-list.ts); the two largest datasets of the quality tier run too. igraph runs
// when Debian's python3-igraph is importable by /usr/bin/python3; otherwise the bench says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { writePlantedEdgeList } from './planted-edge-list.js';
import { fmtInt, loadAverage, printTable, type Floor, type Table } from './report.js';
import type { ChildFigures } from './louvain-child.js';

const PYTHON = '/usr/bin/python3';
/** The floor: whole-process CPU time at most this multiple of igraph's on the email-Enron-sized network. */
const CPU_RATIO_FLOOR = 1.5;
const ENRON = { nodes: 36_692, ties: 183_831 };

// igraph's whole process: read the same file, merge the two listings of each tie, Louvain, own rusage.
const IGRAPH_SCRIPT = `
import json, random, resource, sys
def cpu_ms():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return (r.ru_utime + r.ru_stime) * 1000
startup = cpu_ms()
import igraph
path, seed = sys.argv[1], int(sys.argv[2])
c0 = cpu_ms()
g = igraph.Graph.Read_Edgelist(path, directed=False)
g.simplify()
c1 = cpu_ms()
random.seed(seed)
parts = g.community_multilevel()
c2 = cpu_ms()
r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"nodes": sum(1 for d in g.degree() if d > 0), "ties": g.ecount(), "communities": len(parts),
  "modularity": parts.modularity, "startupCpuMs": startup, "readCpuMs": c1 - c0, "partitionCpuMs": c2 - c1,
  "cpuMs": cpu_ms(), "maxRssMiB": r.ru_maxrss / 1024}))
`;

export interface LouvainCompareResult {
  tables: Table[];
  floors: Floor[];
  notes: string[];
}

interface Dataset {
  name: string;
  file: string;
}

type Engine = 'ours (typed arrays)' | 'ours (graphology graph)' | 'igraph multilevel';

/** igraph's version when /usr/bin/python3 can import it, else undefined. */
function igraphVersion(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import igraph; print(igraph.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function runChild(command: string, args: string[]): ChildFigures {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr.trim().slice(0, 500)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as ChildFigures;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Runs the comparison; returns its table, its floors and notes (also printed). */
export async function runLouvainCompare(options: { repeats?: number; seed?: number } = {}): Promise<LouvainCompareResult> {
  const repeats = Math.max(1, Math.min(20, Math.floor(options.repeats ?? 3)));
  const seed = options.seed ?? 42;
  const folder = mkdtempSync(join(tmpdir(), 'atlas-louvain-'));
  const notes: string[] = [];
  const floors: Floor[] = [];
  try {
    const loadStart = loadAverage();
    const child = join(folder, 'louvain-child.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./louvain-child.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'warning',
    });
    const planted = join(folder, 'planted-enron-size.txt');
    const bytes = writePlantedEdgeList(planted, { ...ENRON, seed: 1 });
    const datasets: Dataset[] = [
      {
        name: `planted ${fmtInt(ENRON.nodes)} / ${fmtInt(ENRON.ties)} (email-Enron stand-in, ${(bytes / 2 ** 20).toFixed(1)} MiB)`,
        file: planted,
      },
      {
        name: 'facebook combined',
        file: fileURLToPath(new URL('../tests/fixtures/datasets/facebook-ego/combined.txt', import.meta.url)),
      },
      {
        name: 'email-Eu-core (undirected)',
        file: fileURLToPath(new URL('../tests/fixtures/datasets/email-eu-core/edges.txt', import.meta.url)),
      },
    ];
    const igraph = igraphVersion();
    if (!igraph)
      notes.push(
        `igraph not installed: ${PYTHON} cannot import igraph (Debian: apt-get install python3-igraph); our figures only.`,
      );

    const rows: string[][] = [];
    for (const [d, dataset] of datasets.entries()) {
      const runs = new Map<Engine, ChildFigures[]>();
      const record = (engine: Engine, figures: ChildFigures): void =>
        void runs.set(engine, [...(runs.get(engine) ?? []), figures]);
      // Alternated, so that a burst of load on the shared machine hits both engines alike.
      for (let r = 0; r < repeats; r++) {
        record('ours (typed arrays)', runChild(process.execPath, [child, 'ties', dataset.file, String(seed)]));
        if (igraph) record('igraph multilevel', runChild(PYTHON, ['-c', IGRAPH_SCRIPT, dataset.file, String(seed)]));
      }
      record('ours (graphology graph)', runChild(process.execPath, [child, 'graphology', dataset.file, String(seed)]));
      const summary = (engine: Engine) => {
        const list = runs.get(engine);
        if (!list) return undefined;
        return {
          first: list[0] as ChildFigures,
          cpuMs: median(list.map((f) => f.cpuMs)),
          readCpuMs: median(list.map((f) => f.readCpuMs)),
          partitionCpuMs: median(list.map((f) => f.partitionCpuMs)),
          startupCpuMs: median(list.map((f) => f.startupCpuMs)),
          maxRssMiB: median(list.map((f) => f.maxRssMiB)),
          modularity: Math.min(...list.map((f) => f.modularity)),
          count: list.length,
        };
      };
      const reference = summary('igraph multilevel');
      for (const engine of ['ours (typed arrays)', 'ours (graphology graph)', 'igraph multilevel'] as const) {
        const s = summary(engine);
        if (!s) continue;
        rows.push([
          dataset.name,
          engine,
          fmtInt(s.first.nodes),
          fmtInt(s.first.ties),
          fmtInt(s.first.communities),
          s.modularity.toFixed(4),
          fmtInt(s.cpuMs),
          `${fmtInt(s.startupCpuMs)} / ${fmtInt(s.readCpuMs)} / ${fmtInt(s.partitionCpuMs)}`,
          s.maxRssMiB.toFixed(0),
          reference && engine !== 'igraph multilevel' ? `${(s.cpuMs / reference.cpuMs).toFixed(2)}×` : '',
          reference && engine !== 'igraph multilevel' ? `${(s.maxRssMiB / reference.maxRssMiB).toFixed(2)}×` : '',
          String(s.count),
        ]);
      }
      const ours = summary('ours (typed arrays)') as NonNullable<ReturnType<typeof summary>>;
      if (reference) {
        if (d === 0) {
          const ratio = ours.cpuMs / reference.cpuMs;
          floors.push({
            name: `Louvain whole-process CPU vs igraph ${igraph}, ${dataset.name}`,
            target: `≤ ${CPU_RATIO_FLOOR}×`,
            measured: `${ratio.toFixed(2)}× (${fmtInt(ours.cpuMs)} vs ${fmtInt(reference.cpuMs)} ms, median of ${repeats}); peak RSS ${(ours.maxRssMiB / reference.maxRssMiB).toFixed(2)}× (${ours.maxRssMiB.toFixed(0)} vs ${reference.maxRssMiB.toFixed(0)} MiB)`,
            pass: ratio <= CPU_RATIO_FLOOR,
          });
        }
        floors.push({
          name: `Louvain modularity vs igraph ${igraph}, ${dataset.name}`,
          target: '≥ igraph',
          measured: `${ours.modularity.toFixed(4)} vs ${reference.modularity.toFixed(4)}`,
          pass: ours.modularity >= reference.modularity,
        });
      } else if (d === 0) {
        floors.push({
          name: 'Louvain whole-process CPU vs igraph',
          target: `≤ ${CPU_RATIO_FLOOR}×`,
          measured: 'igraph not installed',
          pass: undefined,
        });
      }
    }
    const table: Table = {
      title: `Louvain side by side, whole child processes (seed ${seed}; load average ${loadStart} at start, ${loadAverage()} at end)`,
      columns: [
        'network',
        'engine',
        'nodes',
        'ties',
        'communities',
        'modularity',
        'CPU ms',
        'start-up / read / partition ms',
        'peak RSS MiB',
        'CPU vs igraph',
        'RSS vs igraph',
        'runs',
      ],
      numeric: [2, 3, 4, 5, 6, 8, 11],
      rows,
      notes: [
        'CPU = user + system time of the whole child process (start-up included), the median of the runs; modularity = the lowest of the runs. Ours runs as one bundled script on plain Node (no TypeScript loader).',
        '"typed arrays" = readEdgeListFile + detectPartitionOfTies (what `npm run analyze -- <edge list> --algorithm louvain` does); "graphology graph" = loadGraphFile + detectPartition (what callers holding a graph pay).',
        'igraph = Graph.Read_Edgelist(directed=False) + simplify() + community_multilevel() in /usr/bin/python3.',
        ...notes,
      ],
    };
    printTable(table);
    return { tables: [table], floors, notes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { repeats: { type: 'string', default: '3' }, seed: { type: 'string', default: '42' } },
  });
  runLouvainCompare({ repeats: Number(values.repeats), seed: Number(values.seed) })
    .then(({ floors }) => {
      for (const f of floors)
        console.log(`${f.pass === undefined ? '—' : f.pass ? 'met' : 'NOT met'}: ${f.name}: ${f.measured} (floor ${f.target})`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
