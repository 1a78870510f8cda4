// Converts Neo4j driver values (Integer, temporal types, nodes, relationships) into plain JS,
// once, at the edge: nothing above the repositories ever sees a driver type.
import neo4j, {
  isDate,
  isDateTime,
  isInt,
  isLocalDateTime,
  isNode,
  isRelationship,
  type Record as Neo4jRecord,
} from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (isInt(value)) return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (isDate(value)) return value.toString();
  if (isDateTime(value) || isLocalDateTime(value)) return new Date(value.toString()).toISOString();
  if (isNode(value)) return toPlain(value.properties);
  if (isRelationship(value)) return toPlain(value.properties);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const result: { [key: string]: Plain } = {};
    for (const [key, inner] of Object.entries(value)) result[key] = toPlain(inner);
    return result;
  }
  return String(value);
}

export function recordToObject<T>(record: Neo4jRecord): T {
  const result: Record<string, Plain> = {};
  for (const key of record.keys) result[String(key)] = toPlain(record.get(key));
  return result as T;
}
