// Quality of the influence scores on email-Eu-core (SNAP): pivot-sampled betweenness against exact, and determinism.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEdgeList } from '../../server/src/import/graph-files.js';
import { betweenness, influence, topBy } from '../../server/src/analytics/influence.js';

const datasets = new URL('../fixtures/datasets/', import.meta.url);
const email = parseEdgeList(readFileSync(new URL('email-eu-core/edges.txt', datasets), 'utf8'), { directed: true });

/** Average ranks (1 = largest), ties sharing their mean rank. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('influence on email-Eu-core', () => {
  const exact = betweenness(email, { mode: 'exact' });
  const top100 = [...exact.scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 100);

  it('sampled betweenness ranks the exact top 100 with Spearman ≥ 0.9 at 512 pivots (table for fewer)', () => {
    console.log(`email-Eu-core: ${email.order} nodes, ${email.size} directed ties`);
    console.log('| estimator | pivots | searches | seed | Spearman on exact top 100 | mean relative error, top 20 |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const asserted: number[] = [];
    const configs: Array<['uniform' | 'linear-scaling', number]> = [
      ['uniform', 128],
      ['uniform', 256],
      ['uniform', 512],
      ['linear-scaling', 128],
      ['linear-scaling', 256],
    ];
    for (const [estimator, pivots] of configs) {
      for (const seed of [1, 2, 3]) {
        const sampled = betweenness(email, { mode: 'sampled', pivots, seed, estimator });
        const rho = spearman(
          top100.map(([, v]) => v),
          top100.map(([node]) => sampled.scores.get(node)!),
        );
        const relErr = top100.slice(0, 20).reduce((s, [node, v]) => s + Math.abs(sampled.scores.get(node)! - v) / v, 0) / 20;
        const searches = estimator === 'uniform' ? pivots : 2 * pivots;
        console.log(`| ${estimator} | ${pivots} | ${searches} | ${seed} | ${rho.toFixed(3)} | ${relErr.toFixed(3)} |`);
        if (estimator === 'uniform' && pivots === 512) asserted.push(rho);
      }
    }
    for (const rho of asserted) expect(rho).toBeGreaterThanOrEqual(0.9);
  });

  it('sampled betweenness is unbiased: the mean over 40 seeds of the leader score is within 5% of exact', () => {
    const [leader, value] = top100[0]!;
    let mean = 0;
    for (let seed = 1; seed <= 40; seed++)
      mean += betweenness(email, { mode: 'sampled', pivots: 64, seed }).scores.get(leader)! / 40;
    console.log(`leader ${leader}: exact ${value.toFixed(5)}, mean of 40 × 64-pivot estimates ${mean.toFixed(5)}`);
    expect(Math.abs(mean - value) / value).toBeLessThan(0.05);
  });

  it('reports a plausible top 5 and is deterministic given the seed', () => {
    const a = influence(email, { betweenness: 'sampled', pivots: 128, seed: 42 });
    const b = influence(email, { betweenness: 'sampled', pivots: 128, seed: 42 });
    expect([...a.scores]).toEqual([...b.scores]);
    const pr = topBy(a.scores, 'pagerank', 5).map((r) => r.node);
    const bt = topBy(a.scores, 'betweenness', 5).map((r) => r.node);
    console.log(
      'top 5 PageRank:',
      pr.join(', '),
      '| top 5 sampled betweenness:',
      bt.join(', '),
      '| timings ms:',
      JSON.stringify(Object.fromEntries(Object.entries(a.timings).map(([k, v]) => [k, Math.round(v)]))),
    );
    // The exact betweenness leader is found by the sample too.
    expect(bt).toContain(top100[0]![0]);
  });
});
