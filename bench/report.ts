// Benchmark reporting: machine facts, load average, aligned tables on stdout, and docs/benchmarks.md.
import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Table {
  title: string;
  columns: string[];
  /** Right-aligned columns (numbers), by index. */
  numeric?: number[];
  rows: string[][];
  notes?: string[];
}

export interface Floor {
  name: string;
  target: string;
  measured: string;
  pass: boolean | undefined;
}

export interface MachineInfo {
  date: string;
  cpus: string;
  memory: string;
  node: string;
  neo4j: string;
  platform: string;
}

export const loadAverage = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

export function machineInfo(neo4jVersion: string): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    node: process.version,
    neo4j: `${neo4jVersion} community (embedded launcher)`,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A plain-text table for the terminal (columns padded). */
export function printTable(table: Table): void {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const numeric = new Set(table.numeric ?? []);
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${table.title}`);
  console.log(line(table.columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.rows) console.log(line(row));
  for (const note of table.notes ?? []) console.log(`  ${note}`);
}

function markdownTable(table: Table): string {
  const numeric = new Set(table.numeric ?? []);
  const escape = (cell: string): string => cell.replaceAll('|', '\\|');
  const lines = [
    `| ${table.columns.map(escape).join(' | ')} |`,
    `| ${table.columns.map((_, i) => (numeric.has(i) ? '---:' : '---')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  const notes = (table.notes ?? []).map((n) => `\n${n}`).join('\n');
  return `### ${table.title}\n\n${lines.join('\n')}\n${notes}`;
}

export function floorsTable(floors: Floor[]): Table {
  return {
    title: 'Floors',
    columns: ['floor', 'target', 'measured', 'result'],
    rows: floors.map((f) => [f.name, f.target, f.measured, f.pass === undefined ? 'n/a' : f.pass ? 'PASS' : 'MISS']),
  };
}

export interface BenchDocument {
  path: string;
  scale: string;
  machine: MachineInfo;
  loadStart: string;
  loadEnd: string;
  durationMs: number;
  floors: Floor[];
  tables: Table[];
  notes: string[];
}

export function writeBenchmarks(doc: BenchDocument): void {
  const text = [
    '# Benchmarks',
    '',
    'Produced by `npm run bench` (see `bench/README.md`); rewritten at every run. Figures are from one run',
    'on a shared machine: compare ratios within a run rather than absolute numbers across runs.',
    '',
    `- date: ${doc.machine.date}`,
    `- scale: ${doc.scale}`,
    `- machine: ${doc.machine.cpus}; ${doc.machine.memory}; ${doc.machine.platform}`,
    `- Node ${doc.machine.node}; Neo4j ${doc.machine.neo4j}`,
    `- load average (1 / 5 / 15 min): ${doc.loadStart} at start, ${doc.loadEnd} at end`,
    `- whole run: ${fmtSeconds(doc.durationMs)}`,
    '',
    '## Floors',
    '',
    markdownTable(floorsTable(doc.floors)).replace(/^### Floors\n\n/, ''),
    '',
    '## Details',
    '',
    ...doc.tables.map((t) => `${markdownTable(t)}\n`),
    ...(doc.notes.length > 0 ? ['## Notes', '', ...doc.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  mkdirSync(dirname(doc.path), { recursive: true });
  writeFileSync(doc.path, text);
}
