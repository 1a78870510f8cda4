// Database-hit budgets of the serving queries, checked by query-budgets.test.ts.
//
// How they were measured: `npx vitest run --config tests/vitest.config.ts tests/integration/query-budgets.test.ts`
// on the demo ecosystem (seeds/demo) in the embedded Neo4j 5.26.30 the tests start; the test prints
// "measured db hits / queries". Each budget is the measured total × 1.25, rounded up; `queries` is
// the number of round trips measured. After an intended change to a query, measure again and
// record the new figures here with the date. Measured 2026-11-29 (set-based ego and slice queries, issue 12).
export type BudgetedQuery =
  | 'egoDepth1'
  | 'egoDepth2'
  | 'filteredPage'
  | 'networkSlice'
  | 'stakeholderById'
  | 'egoDepth1Relationships'
  | 'networkSliceRelationships';

export const QUERY_BUDGETS: Record<BudgetedQuery, { dbHits: number; queries: number }> = {
  // Re-measured 2026-11-30: the demo's stakeholders now also hold their interactions and measured relationships, so
  // expanding a stakeholder's ties walks a longer relationship chain. Before in brackets.
  egoDepth1: { dbHits: 53638, queries: 1 }, // measured 42,910 (37,477)
  egoDepth2: { dbHits: 215080, queries: 1 }, // measured 172,064 (140,238)
  filteredPage: { dbHits: 3346, queries: 1 }, // measured 2,677 (2,279), page and total in one query
  networkSlice: { dbHits: 193413, queries: 1 }, // measured 154,730 (123,052)
  stakeholderById: { dbHits: 29, queries: 1 }, // measured 23
  // Measured 2026-11-30: the same queries with each tie's pair relationship read (TieColumns.strengths selected): the
  // pair's RELATES is looked up per tie, from either end.
  egoDepth1Relationships: { dbHits: 154450, queries: 1 }, // measured 123,560 (egoDepth1 without: 42,910)
  networkSliceRelationships: { dbHits: 218038, queries: 1 }, // measured 174,430 (networkSlice without: 154,715)
};
