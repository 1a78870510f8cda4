// Quality: overlapping communities against the facebook-ego circles (vs the Louvain partition), determinism, scale on 100k nodes / 1M ties, and the analyze CLI on the facebook union graph.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphFile, parseCircles } from '../../server/src/import/graph-files.js';
import { detectPartition } from '../../server/src/analytics/partition.js';
import { detectOverlapping } from '../../server/src/analytics/overlapping.js';
import { bestMatchF1, membershipsToCover, overlappingNmi, partitionToCover } from '../../server/src/analytics/comparison.js';

const dataset = (path: string): string => fileURLToPath(new URL(`../fixtures/datasets/${path}`, import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const EGOS = ['0', '107', '348', '414', '686', '698'];
const SEED = 42;
const THRESHOLD = 0.2;
const tables: Array<[string, unknown]> = [];
afterAll(() => {
  for (const [title, rows] of tables) {
    console.log(title);
    console.table(rows);
  }
});

describe('overlapping communities on the facebook-ego circles', () => {
  it('beat the Louvain partition on overlapping NMI on every ego network, and on mean best-match F1', { timeout: 60_000 }, () => {
    const rows: Array<Record<string, string | number>> = [];
    const onmiLosses: string[] = [];
    const sums = { louvainF1: 0, overlapF1: 0, louvainOnmi: 0, overlapOnmi: 0 };
    for (const ego of EGOS) {
      // Ego excluded (it is not in N.edges); circles restricted to the friends present in the ego network.
      const g = loadGraphFile(dataset(`facebook-ego/${ego}.edges`));
      const circles = [...parseCircles(readFileSync(dataset(`facebook-ego/${ego}.circles`), 'utf8')).values()]
        .map((members) => members.filter((v) => g.hasNode(v)))
        .filter((members) => members.length > 0);
      const universe = g.nodes();
      const partition = detectPartition(g, { seed: SEED });
      const overlapping = detectOverlapping(g, { seed: SEED, threshold: THRESHOLD });
      const louvainCover = partitionToCover(partition.communities);
      const overlapCover = membershipsToCover(overlapping.memberships);
      const r = {
        ego,
        nodes: g.order,
        ties: g.size,
        circles: circles.length,
        communities: overlapping.communities,
        overlapping: overlapping.overlappingNodes,
        'F1 louvain': bestMatchF1(circles, louvainCover),
        'F1 overlap': bestMatchF1(circles, overlapCover),
        'ONMI louvain': overlappingNmi(circles, louvainCover, { universe }),
        'ONMI overlap': overlappingNmi(circles, overlapCover, { universe }),
      };
      if (!(r['ONMI overlap'] > r['ONMI louvain']))
        onmiLosses.push(`${ego}: ${r['ONMI overlap'].toFixed(4)} ≤ ${r['ONMI louvain'].toFixed(4)}`);
      sums.louvainF1 += r['F1 louvain'];
      sums.overlapF1 += r['F1 overlap'];
      sums.louvainOnmi += r['ONMI louvain'];
      sums.overlapOnmi += r['ONMI overlap'];
      rows.push(
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? +v.toFixed(3) : v]),
        ),
      );
    }
    const mean = (x: number): number => +(x / EGOS.length).toFixed(3);
    rows.push({
      ego: 'mean',
      'F1 louvain': mean(sums.louvainF1),
      'F1 overlap': mean(sums.overlapF1),
      'ONMI louvain': mean(sums.louvainOnmi),
      'ONMI overlap': mean(sums.overlapOnmi),
    });
    tables.push([`facebook-ego circles: best-match F1 and McDaid NMI_max (seed ${SEED}, threshold ${THRESHOLD})`, rows]);
    expect(onmiLosses).toEqual([]);
    expect(sums.overlapF1).toBeGreaterThan(sums.louvainF1);
    expect(sums.overlapOnmi).toBeGreaterThan(sums.louvainOnmi);
  });

  it('is deterministic: same seed → identical memberships', { timeout: 60_000 }, () => {
    const g = loadGraphFile(dataset('facebook-ego/107.edges'));
    const a = detectOverlapping(g, { seed: 3, threshold: 0.15 });
    const b = detectOverlapping(g, { seed: 3, threshold: 0.15 });
    expect([...b.memberships]).toEqual([...a.memberships]);
    expect(b.overlappingNodes).toBe(a.overlappingNodes);
    for (const list of a.memberships.values()) {
      for (const m of list) {
        expect(m.strength).toBeGreaterThanOrEqual(0);
        expect(m.strength).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('analyze CLI', () => {
  it('analyzes facebook combined end to end and writes every node', { timeout: 60_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'result.json');
    const t0 = performance.now();
    const stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/analyze.ts', dataset('facebook-ego/combined.txt'), '--out', out],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    const seconds = (performance.now() - t0) / 1000;
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      input: { nodes: number; edges: number };
      modularity: number;
      partition: Record<string, number>;
      memberships: Record<string, unknown[]>;
      scores: Record<string, { pagerank: number }>;
      timings: Record<string, number>;
    };
    tables.push([
      'analyze CLI on facebook-ego/combined.txt',
      [
        {
          nodes: result.input.nodes,
          edges: result.input.edges,
          modularity: +result.modularity.toFixed(4),
          'wall s': +seconds.toFixed(2),
          ...result.timings,
        },
      ],
    ]);
    expect(stdout).toContain('top 10 by PageRank');
    expect(result.input).toMatchObject({ nodes: 4039, edges: 88234 });
    expect(Object.keys(result.partition)).toHaveLength(4039);
    expect(Object.keys(result.memberships)).toHaveLength(4039);
    expect(Object.keys(result.scores)).toHaveLength(4039);
    expect(result.modularity).toBeGreaterThan(0.8);
  });

  it('reads a CSV bundle folder through its ties.csv, and says why it cannot read an input', { timeout: 60_000 }, () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/analyze.ts', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
    const out = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'demo.json');
    const demo = run('seeds/demo', '--out', out);
    expect(demo.status).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { input: { file: string; nodes: number; edges: number } };
    expect(result.input.nodes).toBe(2000);
    expect(result.input.edges).toBeGreaterThan(10_000);
    const missing = run('no-such-file.txt');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('analyze: cannot read no-such-file.txt: no such file');
    const folder = run('docs');
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('is a folder without a ties.csv');
  });
});
