// Relationship strength as the weight of an analysis run: the projection a run's worker receives carries, per tie, the
// imported weight (TIES), the pair's measured strength (RELATIONSHIPS) or the two blended (BLENDED); the run records its
// choice and its weighted degrees follow it; a Graph Data Science run refuses any choice but TIES.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { execute } from '../../server/src/db/database.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { runTieWeight, TIE_SHARE, tieStrength } from '../../server/src/domain/relationship-strength.js';
import { DEFAULT_PARAMETERS } from '../../server/src/runner/parameters.js';
import { EngineUnavailableError, NODE_ONLY_SETTINGS, resolveEngine } from '../../server/src/runner/engine.js';
import { startAnalysisRun, waitForRun } from '../../server/src/runner/run-analysis.js';
import { logInteraction, relationshipsOf } from '../../server/src/store/interactions.js';
import { loadProjection } from '../../server/src/store/projection.js';
import { scoresOf } from '../../server/src/store/run-results.js';
import type { CompactProjection } from '../../server/src/domain/models.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
/** A tie whose pair has interactions, and one whose pair has none. */
let measured: { a: string; b: string; weight: number };
let unmeasured: { a: string; b: string; weight: number };
let strength: number;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  const ties = await execute<{ a: string; b: string; weight: number }>(
    t.db,
    `MATCH (a:Stakeholder)-[t]->(b:Stakeholder) WHERE type(t) <> 'RELATES' AND a <> b AND t.weight > 0
       AND COUNT { (a)-[]-(b) } = 1
     RETURN a.id AS a, b.id AS b, t.weight AS weight ORDER BY a.id, b.id LIMIT 2`,
  );
  expect(ties).toHaveLength(2);
  [measured, unmeasured] = ties as [typeof measured, typeof unmeasured];
  const now = new Date();
  for (const days of [3, 20]) {
    await logInteraction(
      t.db,
      {
        at: new Date(now.getTime() - days * 86_400_000).toISOString(),
        channel: 'MEETING',
        participants: [measured.a, measured.b],
        initiator: null,
        owner: null,
        sentiment: 1,
        summary: null,
        loggedBy: null,
      },
      now,
    );
  }
  strength = (await relationshipsOf(t.db, measured.a, 5)).find((r) => r.other === measured.b)!.strength;
  expect(strength).toBeGreaterThan(0);
});
afterAll(async () => t.close());

function tieWeight(projection: CompactProjection, a: string, b: string): number {
  const ia = projection.ids.indexOf(a);
  const ib = projection.ids.indexOf(b);
  for (let e = 0; e < projection.source.length; e++) {
    if (projection.source[e] === ia && projection.target[e] === ib) return projection.weight[e]!;
  }
  throw new Error(`no tie ${a} → ${b} in the projection`);
}

describe('weight of an analysis run', () => {
  it('gives the worker imported weights, measured strengths or both blended, tie by tie', async () => {
    const ties = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, weight: 'TIES' });
    const relationships = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, weight: 'RELATIONSHIPS' });
    const blended = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, weight: 'BLENDED' });
    expect(relationships.ids).toEqual(ties.ids);
    expect(relationships.source).toEqual(ties.source);

    expect(tieWeight(ties, measured.a, measured.b)).toBe(measured.weight);
    expect(tieWeight(relationships, measured.a, measured.b)).toBeCloseTo(strength, 12);
    expect(tieWeight(blended, measured.a, measured.b)).toBeCloseTo(measured.weight * (1 + strength), 12);

    expect(tieWeight(ties, unmeasured.a, unmeasured.b)).toBe(unmeasured.weight);
    expect(tieWeight(relationships, unmeasured.a, unmeasured.b)).toBeCloseTo(TIE_SHARE * tieStrength(unmeasured.weight), 12);
    expect(tieWeight(blended, unmeasured.a, unmeasured.b)).toBe(unmeasured.weight);

    for (let e = 0; e < ties.weight.length; e++) {
      expect(relationships.weight[e]).toBeGreaterThanOrEqual(0);
      expect(relationships.weight[e]).toBeLessThanOrEqual(1);
      expect(blended.weight[e]).toBeGreaterThanOrEqual(ties.weight[e]!);
    }
    expect(runTieWeight('TIES', 2, 0.4)).toBe(2);
  });

  it('records the choice in the run, and the run’s weighted degrees follow it', async () => {
    const weighted: Record<string, number> = {};
    for (const weight of ['TIES', 'RELATIONSHIPS'] as const) {
      const started = await startAnalysisRun(t.db, { ...DEFAULT_PARAMETERS, weight });
      const done = await waitForRun(t.db, started.id);
      expect(done?.status).toBe('COMPLETE');
      expect(done?.parameters.weight).toBe(weight);
      const scores = await scoresOf(t.db, started.id, [measured.a]);
      weighted[weight] = scores.get(measured.a)!.weightedOutDegree;
      const projection = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, weight });
      const a = projection.ids.indexOf(measured.a);
      let expected = 0;
      for (let e = 0; e < projection.source.length; e++) {
        if (projection.source[e] === a && projection.target[e] !== a && projection.weight[e]! > 0)
          expected += projection.weight[e]!;
      }
      expect(weighted[weight]).toBeCloseTo(expected, 9);
    }
    expect(weighted.RELATIONSHIPS).not.toBeCloseTo(weighted.TIES!, 3);
  });

  it('refuses a Graph Data Science run weighted by relationships; auto runs it on Node', async () => {
    await expect(resolveEngine(t.db, 'GDS', NODE_ONLY_SETTINGS, 'RELATIONSHIPS')).rejects.toThrow(EngineUnavailableError);
    await expect(resolveEngine(t.db, 'GDS', NODE_ONLY_SETTINGS, 'BLENDED')).rejects.toThrow(/weight/);
    expect(await resolveEngine(t.db, null, { ...NODE_ONLY_SETTINGS, engine: 'auto', gdsMinTies: 0 }, 'BLENDED')).toBe('NODE');
  });
});
