// The operation limits: every operation the client sends fits them; hostile shapes (huge lists, aliased heavy fields,
// fragment bombs, control characters, overflowing numbers) are refused with the argument path or the limit named.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { checkOperation } from '../../../server/src/limits/operation-limits.js';
import { OperationGates } from '../../../server/src/limits/operation-gates.js';
import { buildSchema } from '../../../server/src/schema/index.js';

const schema = buildSchema();
const { limits } = loadConfig({});
const check = (query: string, variables: Record<string, unknown> = {}) =>
  checkOperation(schema, parse(query), undefined, variables, limits);

describe('client operations', () => {
  const dir = fileURLToPath(new URL('../../../client/src/lib/graphql/operations/', import.meta.url));
  // Operations share fragments across files, as codegen sees them: one document.
  const document = parse(
    readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(dir + file, 'utf8'))
      .join('\n'),
  );
  const operations = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));

  it('are valid', () => {
    expect(operations.length).toBeGreaterThan(5);
    expect(validate(schema, document)).toEqual([]);
  });

  it.each(operations)('%s fits every limit with the largest variables the client sends', (name) => {
    // The client's NETWORK_LIMIT and EGO_LIMIT (client/src/lib/state/data-state.svelte.ts), the deepest ego view,
    // and the largest plan the planner offers.
    const limit = name.startsWith('Ego') ? 5_000 : 100_000;
    const variables = { id: 'x', run: 'r', depth: 3, limit, k: 50, simulations: 200, to: 'y', remove: ['a'] };
    expect(checkOperation(schema, document, name, variables, limits)?.message).toBeUndefined();
  });
});

describe('argument limits', () => {
  it('caps list arguments anywhere, with the path', () => {
    const error = check('query($t: [TieType!]) { egoNetwork(id: "a", tieTypes: $t) { nodes { key } } }', {
      t: Array(limits.maxListLength + 1).fill('WORKS_WITH'),
    });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'egoNetwork.tieTypes', limit: 'maxListLength' });
    expect(check('query($r: [ID!]!) { whatIf(remove: $r) { removed } }', { r: Array(1_001).fill('a') })?.message).toMatch(
      /whatIf\.remove: at most 1000 entries/,
    );
  });

  it('refuses control characters and over-long strings, but not tabs and line breaks', () => {
    const mutation = 'mutation($n: String!) { createStakeholder(input: { name: $n, kind: PERSON }) { id } }';
    expect(check(mutation, { n: 'a\u0000b' })?.extensions).toMatchObject({ field: 'createStakeholder.input.name' });
    expect(check(mutation, { n: 'a\u001bb' })?.message).toMatch(/control characters/);
    expect(check(mutation, { n: 'a\tb\nc\r' })).toBeUndefined();
    expect(check(mutation, { n: 'x'.repeat(limits.maxStringLength + 1) })?.extensions).toMatchObject({
      limit: 'maxStringLength',
    });
  });

  it('lets import content past the string cap (the body size bounds it)', () => {
    const query = 'mutation($c: String!) { importData(input: { format: JSON, content: $c }) { ok } }';
    expect(check(query, { c: 'x'.repeat(limits.maxStringLength * 3) })).toBeUndefined();
  });

  it('refuses numbers that overflow', () => {
    const error = check('mutation { addTie(input: { source: "a", target: "b", type: WORKS_WITH, weight: 1e308 }) { weight } }');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'addTie.input.weight' });
  });
});

describe('operation size', () => {
  it('multiplies the cost by limit and depth', () => {
    const one =
      'egoNetwork(id: "a", depth: 3, limit: 20000) { nodes { key attributes { label kind roles communities degree } } }';
    const aliased = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: ${one}`).join(' ')} }`;
    expect(check(aliased)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxCost' });
    const plans = `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: engagementPlan(k: 50, simulations: 10000) { expectedReach }`).join(' ')} }`;
    expect(check(plans)?.extensions).toMatchObject({ limit: 'maxCost' });
    // One plan at the resolver's own maximum is allowed; its concurrency is what the gates bound.
    expect(check('{ engagementPlan(k: 50, simulations: 10000) { expectedReach } }')).toBeUndefined();
  });

  it('sizes a fragment bomb without expanding it', () => {
    const fragments = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? `fragment F${i} on Query { apiVersion }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const error = check(`{ ...F0 } ${fragments.join(' ')}`);
    expect(error?.extensions).toMatchObject({ limit: 'maxFields' });
  });
});

describe('operation gates', () => {
  it('gives a permit per heavy operation and turns away the one past the limit', () => {
    const gates = new OperationGates(2);
    const a = gates.tryAcquire(['Query.network']);
    const b = gates.tryAcquire(['Query.network', 'Query.whatIf']);
    expect(gates.tryAcquire(['Query.network'])).toEqual({ busy: 'Query.network' });
    expect('release' in gates.tryAcquire(['Query.whatIf'])).toBe(true);
    if ('release' in a) a.release();
    if ('release' in a) a.release(); // twice is harmless
    expect(gates.inUse('Query.network')).toBe(1);
    expect('release' in gates.tryAcquire(['Query.network'])).toBe(true);
    expect('release' in b).toBe(true);
  });
});
