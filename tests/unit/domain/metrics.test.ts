// The metric declaration drives the GraphQL score types, the ranking enum and the client's score list:
// a metric added, renamed or retyped in one place and not the others fails here.
import { describe, expect, it } from 'vitest';
import { GraphQLEnumType, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, type GraphQLOutputType } from 'graphql';
import { buildSchema } from '../../../server/src/schema/index.js';
import { BROKERAGE_METRICS, MAP_METRICS, METRICS, RANKED_METRICS } from '../../../server/src/domain/metrics.js';
import { SCORE_KEYS, SCORE_LABELS } from '../../../client/src/lib/graph/model.js';

const schema = buildSchema();

/** 'Int!' / 'Float' … of a field's type. */
function typeName(type: GraphQLOutputType): string {
  if (type instanceof GraphQLNonNull) return `${typeName(type.ofType)}!`;
  return type instanceof GraphQLScalarType ? type.name : String(type);
}

function fieldsOf(name: string): Record<string, string> {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
  return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, typeName(f.type)]));
}

const sdlType = (m: (typeof METRICS)[number]): string => `${m.type === 'integer' ? 'Int' : 'Float'}${m.nullable ? '' : '!'}`;

describe('metric declaration', () => {
  it('StakeholderScores carries every metric with its declared type (brokerage roles grouped)', () => {
    const scores = fieldsOf('StakeholderScores');
    const brokerage = fieldsOf('BrokerageCounts');
    for (const m of METRICS) {
      expect(m.ranking === null ? brokerage[m.name] : scores[m.name], m.name).toBe(sdlType(m));
    }
  });

  it('NetworkScores and ScoreColumns carry exactly the ranked metrics and the brokerage roles, typed as declared', () => {
    const network = fieldsOf('NetworkScores');
    expect(Object.keys(network).sort()).toEqual([...RANKED_METRICS, ...BROKERAGE_METRICS].sort());
    for (const m of METRICS) expect(network[m.name], m.name).toBe(sdlType(m));
    expect(Object.keys(fieldsOf('ScoreColumns')).sort()).toEqual([...RANKED_METRICS, ...BROKERAGE_METRICS].sort());
  });

  it('InfluenceMetric lists exactly the declared rankings', () => {
    const type = schema.getType('InfluenceMetric');
    expect(type).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values.sort()).toEqual(METRICS.flatMap((m) => (m.ranking === null ? [] : [m.ranking])).sort());
  });

  it("the client's score list is the map metrics, with the declared labels", () => {
    expect([...SCORE_KEYS].sort()).toEqual([...MAP_METRICS].sort());
    for (const key of SCORE_KEYS) expect(SCORE_LABELS[key], key).toBe(METRICS.find((m) => m.name === key)?.label);
  });
});
