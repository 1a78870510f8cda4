// Database-hit budgets of the serving queries, checked by query-budgets.test.ts.
//
// How they were measured: `npx vitest run --config tests/vitest.config.ts tests/integration/query-budgets.test.ts`
// on the demo ecosystem (seeds/demo) in the embedded Neo4j 5.26.30 the tests start; the test prints
// "measured db hits / queries". Each budget is the measured total × 1.25, rounded up; `queries` is
// the number of round trips measured. After an intended change to a query, measure again and
// record the new figures here with the date. Measured 2026-11-29 (set-based ego and slice queries, issue 12).
export type BudgetedQuery = 'egoDepth1' | 'egoDepth2' | 'filteredPage' | 'networkSlice' | 'stakeholderById';

export const QUERY_BUDGETS: Record<BudgetedQuery, { dbHits: number; queries: number }> = {
  egoDepth1: { dbHits: 46847, queries: 1 }, // measured 37,477
  egoDepth2: { dbHits: 175298, queries: 1 }, // measured 140,238
  filteredPage: { dbHits: 2849, queries: 1 }, // measured 2,279 (page and total in one query)
  networkSlice: { dbHits: 153815, queries: 1 }, // measured 123,052
  stakeholderById: { dbHits: 29, queries: 1 }, // measured 23
};
