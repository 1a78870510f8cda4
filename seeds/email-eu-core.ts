// Converts the SNAP email-Eu-core dataset (edges + departments) into a CSV bundle in the import format.
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDirectorySink, type BundleSink, type TableWriter, type CsvValue } from './csv-writer.js';

/** The dataset is kept in the repository with its source and licence (tests/fixtures/datasets). */
export const DEFAULT_DATASET_DIR = fileURLToPath(new URL('../tests/fixtures/datasets/email-eu-core', import.meta.url));
export const SOURCE = 'email-eu';

export interface EmailEuCoreSummary {
  datasetDir: string;
  people: number;
  departments: number;
  edgeLines: number;
  selfLoops: number;
  /** Distinct directed (sender, recipient) pairs = INTERACTS ties written. */
  ties: number;
  memberships: number;
}

function parsePairs(text: string, file: string): [number, number][] {
  const out: [number, number][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const [a, b, ...rest] = t.split(/\s+/);
    const x = Number(a);
    const y = Number(b);
    if (rest.length > 0 || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) {
      throw new Error(`${file}:${i + 1}: expected two non-negative integers, got "${t}"`);
    }
    out.push([x, y]);
  });
  return out;
}

async function row(w: TableWriter, values: readonly CsvValue[]): Promise<void> {
  const pending = w.row(values);
  if (pending) await pending;
}

/**
 * Reads `edges.txt` (directed `src dst`, 0-based, with self-loops) and `departments.txt`
 * (`node dept`) and writes people as EMPLOYEE records of source `email-eu`, departments as declared
 * communities (and as the ground truth), and e-mails aggregated into INTERACTS ties weighted by count.
 */
export async function convertEmailEuCore(datasetDir: string, sink: BundleSink): Promise<EmailEuCoreSummary> {
  const edges = parsePairs(readFileSync(join(datasetDir, 'edges.txt'), 'utf8'), 'edges.txt');
  const departments = parsePairs(readFileSync(join(datasetDir, 'departments.txt'), 'utf8'), 'departments.txt');

  const deptOf = new Map<number, number>();
  for (const [node, dept] of departments) deptOf.set(node, dept);
  const nodes = new Set<number>(deptOf.keys());
  const counts = new Map<number, number>(); // key = src * 2^21 + dst
  const SHIFT = 2 ** 21;
  let selfLoops = 0;
  for (const [a, b] of edges) {
    nodes.add(a);
    nodes.add(b);
    if (a === b) {
      selfLoops++;
      continue;
    }
    const key = a * SHIFT + b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const people = [...nodes].sort((a, b) => a - b);
  const depts = [...new Set(deptOf.values())].sort((a, b) => a - b);
  const key = (n: number): string => `${SOURCE}:${n}`;
  // Nominal dates: the dataset has none; one fixed date keeps the output deterministic.
  const since = '2003-10-01';

  const stakeholders = sink.table('stakeholders');
  const roles = sink.table('roles');
  for (const n of people) {
    await row(stakeholders, [SOURCE, String(n), 'PERSON', `Member ${n}`, '', '', '', '', '']);
    await row(roles, [key(n), 'EMPLOYEE', since, '', SOURCE, '', '']);
  }
  await stakeholders.close();
  await roles.close();

  const ties = sink.table('ties');
  const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  for (const [k, count] of sorted) {
    const a = Math.floor(k / SHIFT);
    const b = k % SHIFT;
    await row(ties, [key(a), key(b), 'INTERACTS', count.toFixed(1), since]);
  }
  await ties.close();

  const communities = sink.table('communities');
  for (const d of depts) {
    await row(communities, [
      `dept-${d}`,
      `Department ${d}`,
      'department',
      `Department ${d} of the institution (SNAP email-Eu-core ground truth)`,
    ]);
  }
  await communities.close();

  const memberships = sink.table('memberships');
  const truth = sink.table('ground-truth');
  let membershipCount = 0;
  for (const n of people) {
    const d = deptOf.get(n);
    if (d === undefined) continue;
    await row(memberships, [key(n), `dept-${d}`, '1', since]);
    await row(truth, [key(n), `dept-${d}`]);
    membershipCount++;
  }
  await memberships.close();
  await truth.close();

  return {
    datasetDir,
    people: people.length,
    departments: depts.length,
    edgeLines: edges.length,
    selfLoops,
    ties: counts.size,
    memberships: membershipCount,
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, dataset: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('usage: npx tsx seeds/email-eu-core.ts [--out DIR (default: a new temp dir)] [--dataset DIR]');
    return;
  }
  const datasetDir = values.dataset ? resolve(values.dataset) : DEFAULT_DATASET_DIR;
  const out = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'email-eu-core-'));
  const s = await convertEmailEuCore(datasetDir, createDirectorySink(out));
  console.log(out);
  console.log(
    `email-eu-core: ${s.people} people, ${s.departments} departments (${s.memberships} memberships), ` +
      `${s.edgeLines} e-mail edges → ${s.ties} INTERACTS ties (${s.selfLoops} self-loops dropped)`,
  );
}

const invokedDirectly = ((): boolean => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
