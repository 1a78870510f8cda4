// Which resolved plugin jars go on the embedded Neo4j's classpath, and the procedures they may run.
import { expect, it } from 'vitest';
import { artifactName, jarsToKeep, unrestrictedProcedures } from '../../../server/src/db/neo4j-plugins.js';

it('names a jar by its artifact, without version or classifier', () => {
  expect(artifactName('commons-lang3-3.12.0.jar')).toBe('commons-lang3');
  expect(artifactName('javassist-3.28.0-GA.jar')).toBe('javassist');
  expect(artifactName('cypher-ast-factory-9.0-9.0.20210312.jar')).toBe('cypher-ast-factory');
  expect(artifactName('RoaringBitmap-0.7.17.jar')).toBe('RoaringBitmap');
});

it("keeps the plugin's own modules and the third-party jars the server does not ship", () => {
  const server = ['annotations-5.26.30.jar', 'commons-lang3-3.18.0.jar', 'jackson-core-2.22.1.jar', 'neo4j-values-5.26.30.jar'];
  const plugin = [
    'annotations-2.13.9.jar', // GDS's own module of that name: kept
    'neo4j-values-2.13.9.jar',
    'commons-lang3-3.12.0.jar', // shipped by the server: dropped
    'jackson-core-2.18.6.jar',
    'hppc-0.8.2.jar', // not shipped: kept
  ];
  expect(jarsToKeep(plugin, server, '2.13.9')).toEqual(['annotations-2.13.9.jar', 'neo4j-values-2.13.9.jar', 'hppc-0.8.2.jar']);
});

it('lets only the enabled plugins run unrestricted', () => {
  expect(unrestrictedProcedures([])).toEqual([]);
  expect(unrestrictedProcedures(['gds', 'apoc'])).toEqual(['dbms.security.procedures.unrestricted=gds.*,apoc.*']);
});
