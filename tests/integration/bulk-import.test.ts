// The offline bulk path against real Neo4j: the graph it stores equals, node by node and property by
// property, the one the online import stores from the same bundle; a bad bundle is rejected with the
// online path's report before anything is written; a store holding anything is refused and kept; a
// failed importer run leaves the previous store in place. The bulk loads run on their own embedded
// Neo4j in a temp folder; the online import uses the tier's shared one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execute, type Database } from '../../server/src/db/database.js';
import { ensureNeo4jJars } from '../../server/src/db/embedded-neo4j.js';
import { databaseFolders, importOffline } from '../../server/src/db/offline-import.js';
import { BulkLoadRefused, bulkLoad, type BulkLoadOptions } from '../../server/src/import/bulk-load.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { DEMO_BUNDLE } from '../../server/src/demo.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

// Each bulk load starts up to three JVMs (password, importer, server): minutes on a loaded machine.
const SLOW = 900_000;

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const TIMESTAMPS = new Set(['createdAt', 'updatedAt', 'importedAt']);

let t: TestDatabase;
const homes: string[] = [];
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function bulkOptions(): BulkLoadOptions {
  const home = mkdtempSync(join(tmpdir(), 'atlas-bulk-test-'));
  homes.push(home);
  return {
    embedded: { ...t.config.embedded, homeDir: home, boltPort: 0, heap: '512m', pageCache: '128m', ephemeral: true },
    database: 'neo4j',
    importerHeap: '512m',
    importerOffHeap: '512m',
  };
}

/**
 * Every stakeholder-graph node and relationship with its labels, properties and each property's
 * Cypher type; timestamps (the time of each import) by type only. Users and audit events are left out.
 */
async function dump(db: Database): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  const typed = (alias: string): string =>
    `[k IN keys(${alias}) | [k, valueType(${alias}[k]), CASE WHEN k IN $timestamps THEN null ELSE ${alias}[k] END]]`;
  const nodes = await execute<{ key: string }>(
    db,
    `MATCH (n) WHERE n:Stakeholder OR n:SourceRecord OR n:RoleFact OR n:Community
     WITH n, coalesce(n.id, n.key) AS key ORDER BY key
     RETURN key, labels(n) AS labels, ${typed('n')} AS props`,
    { timestamps: [...TIMESTAMPS] },
  );
  const relationships = await execute(
    db,
    `MATCH (a)-[r]->(b) WHERE a:Stakeholder
     WITH r, type(r) AS type, a.id AS from, coalesce(b.id, b.key) AS to ORDER BY type, from, to
     RETURN type, from, to, ${typed('r')} AS props`,
    { timestamps: [...TIMESTAMPS] },
  );
  // A stakeholder's id may equal one of its record keys: order by key, then by labels.
  const sorted = (rows: unknown[]): unknown[] =>
    rows
      .map((row) => {
        const r = row as { labels?: string[]; props: [string, string, unknown][] };
        return { ...r, labels: r.labels?.slice().sort(), props: r.props.slice().sort((x, y) => x[0].localeCompare(y[0])) };
      })
      .sort((x, y) => JSON.stringify([x.labels ?? []]).localeCompare(JSON.stringify([y.labels ?? []])))
      .sort((x, y) => {
        const kx = (x as { key?: string }).key ?? '';
        const ky = (y as { key?: string }).key ?? '';
        return kx < ky ? -1 : kx > ky ? 1 : 0;
      });
  return { nodes: sorted(nodes), relationships: sorted(relationships) };
}

describe('the bulk path stores what the online path stores', () => {
  for (const [name, path] of [
    ['the valid fixture bundle', fixture('valid-bundle')],
    ['the demo bundle', DEMO_BUNDLE],
  ] as const) {
    it(
      `for ${name}: same nodes, labels, properties, types, relationships and counts`,
      async () => {
        // --bulk refuses interactions (the online path computes their strengths): compare without them.
        const read = await readImportInput(path);
        const parsed = { ...read, bundle: { ...read.bundle, interactions: [] } };
        await t.clear();
        const online = await importParsed(t.db, parsed);
        expect(online.ok).toBe(true);
        const expected = await dump(t.db);

        const loaded = await bulkLoad(parsed, bulkOptions());
        try {
          expect(loaded.report.ok).toBe(true);
          expect(loaded.report.counts).toEqual(online.counts);
          expect(loaded.report.merges).toEqual(online.merges);
          expect(loaded.report.warnings).toEqual(online.warnings);
          const actual = await dump(loaded.db!);
          expect(actual.nodes.length).toBe(expected.nodes.length);
          expect(actual.relationships.length).toBe(expected.relationships.length);
          expect(actual).toEqual(expected);
          // Migrations ran: the constraints and the full-text search answer on the new store.
          const hits = await execute<{ n: number }>(
            loaded.db!,
            "CALL db.index.fulltext.queryNodes('stakeholder_search', $q) YIELD node RETURN count(node) AS n",
            {
              q: String(
                (expected.nodes[0] as { props: [string, string, unknown][] }).props.find((p) => p[0] === 'name')?.[2] ?? '',
              ),
            },
          );
          expect(hits[0]?.n).toBeGreaterThan(0);
        } finally {
          await loaded.db?.driver.close();
          await loaded.neo4j?.stop();
        }
      },
      SLOW,
    );
  }
});

describe('the bulk path writes nothing it should not', () => {
  it('rejects a bad bundle with the online report and creates no store', async () => {
    for (const bad of ['bad-date', 'unknown-stakeholder', 'duplicate-key']) {
      const parsed = await readImportInput(fixture(bad));
      const online = await importParsed(t.db, parsed);
      const options = bulkOptions();
      const loaded = await bulkLoad(parsed, options);
      expect(loaded.report.ok).toBe(false);
      expect(loaded.report.errors).toEqual(online.errors);
      expect(loaded.report.errors.length).toBeGreaterThan(0);
      expect(loaded.neo4j).toBeUndefined();
      expect(existsSync(databaseFolders(options.embedded.homeDir, 'neo4j').store)).toBe(false);
    }
  });

  it(
    'refuses a store that holds anything, and keeps it',
    async () => {
      const options = bulkOptions();
      const first = await bulkLoad(await readImportInput(fixture('valid-bundle')), options);
      const before = await dump(first.db!);
      await first.db!.driver.close();
      await first.neo4j!.stop();

      await expect(bulkLoad(await readImportInput(DEMO_BUNDLE), options)).rejects.toThrow(BulkLoadRefused);
      const again = await bulkLoad(await readImportInput(fixture('bad-date')), options);
      expect(again.report.ok).toBe(false);

      const { startEmbeddedNeo4j } = await import('../../server/src/db/embedded-neo4j.js');
      const { connect } = await import('../../server/src/db/database.js');
      const neo4j = await startEmbeddedNeo4j(options.embedded);
      const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, 'neo4j');
      try {
        expect(await dump(db)).toEqual(before);
      } finally {
        await db.driver.close();
        await neo4j.stop();
      }
    },
    SLOW,
  );

  it(
    'leaves the previous store folders in place when the importer fails',
    async () => {
      const options = bulkOptions();
      const home = options.embedded.homeDir;
      const { store } = databaseFolders(home, 'neo4j');
      const marker = join(store, 'previous-store-marker');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(store, { recursive: true });
      writeFileSync(marker, 'kept');
      const nodes = join(home, 'nodes.csv');
      const relationships = join(home, 'rels.csv');
      writeFileSync(nodes, 'id:ID(Stakeholder),:LABEL\n"a","Stakeholder"\n');
      // A relationship to a node that is not in the files: fatal with --bad-tolerance=0.
      writeFileSync(relationships, ':START_ID(Stakeholder),:END_ID(Stakeholder),:TYPE\n"a","missing","WORKS_WITH"\n');
      await expect(
        importOffline({
          lib: ensureNeo4jJars(options.embedded.version, options.embedded.cacheDir),
          homeDir: home,
          database: 'neo4j',
          nodes: [nodes],
          relationships: [relationships],
          multiline: [],
          arrayDelimiter: ';',
          heap: '512m',
          offHeap: '256m',
        }),
      ).rejects.toThrow(/import full failed .* the store was not changed/s);
      expect(existsSync(marker)).toBe(true);
      expect(existsSync(join(home, 'bulk-staging'))).toBe(false);
    },
    SLOW,
  );
});
