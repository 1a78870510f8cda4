// One whole process of the Louvain benchmark: reads an edge list, detects communities, prints its figures and its own CPU time and peak memory as JSON.
//
// Run by bench/louvain-compare.ts, bundled into one plain script so that the measured process is
// Node running our code, not the TypeScript loader. Modes: `ties` reads the file into typed
// arrays and partitions them (what `npm run analyze -- --algorithm louvain` does on an edge list);
// `graphology` builds the graphology graph first (what callers holding a graph pay).
import { readEdgeListFile } from '../server/src/import/edge-list.js';
import { detectPartition, detectPartitionOfTies, type PartitionResult } from '../server/src/analytics/partition.js';

const cpuMs = (): number => {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
};
const startupCpuMs = cpuMs();

export interface ChildFigures {
  nodes: number;
  ties: number;
  communities: number;
  modularity: number;
  /** CPU time spent before the first line of this script ran (Node start-up and module loading). */
  startupCpuMs: number;
  readCpuMs: number;
  partitionCpuMs: number;
  /** User + system CPU time of the whole process, start-up included. */
  cpuMs: number;
  maxRssMiB: number;
}

const [mode, file, seedText, restartsText] = process.argv.slice(2);
if ((mode !== 'ties' && mode !== 'graphology') || !file) {
  console.error('usage: louvain-child ties|graphology <edge list> [seed] [restarts]');
  process.exit(2);
}
const seed = Number(seedText ?? 42);
const restarts = restartsText === undefined ? undefined : Number(restartsText);
const c0 = cpuMs();
let nodes: number;
let ties: number;
let partition: () => PartitionResult;
if (mode === 'ties') {
  const list = readEdgeListFile(file);
  nodes = list.nodes.length;
  ties = list.source.length;
  partition = () => detectPartitionOfTies(list.nodes, list, { seed, restarts });
} else {
  // Loaded only here, so that the `ties` process does not pay for graphology and the XML parsers.
  const { loadGraphFile } = await import('../server/src/import/graph-files.js');
  const graph = loadGraphFile(file);
  nodes = graph.order;
  ties = graph.size;
  partition = () => detectPartition(graph, { seed, restarts });
}
const c1 = cpuMs();
const result = partition();
const c2 = cpuMs();
const usage = process.resourceUsage();
const figures: ChildFigures = {
  nodes,
  ties,
  communities: result.count,
  modularity: result.modularity,
  startupCpuMs,
  readCpuMs: c1 - c0,
  partitionCpuMs: c2 - c1,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  maxRssMiB: usage.maxRSS / 1024,
};
console.log(JSON.stringify(figures));
