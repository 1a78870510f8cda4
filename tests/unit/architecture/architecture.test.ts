// The house rules hold on the repository, and each rule can fail: a fixture that breaks it is caught.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, RULES, violations, type SourceFile } from '../../tools/architecture-rules.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function repositorySources(): SourceFile[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'server/src', 'client/src', 'seeds'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return listed
    .split('\n')
    .filter((path) => /\.(ts|mts|mjs|js|svelte)$/.test(path) && !path.includes('/generated/'))
    .flatMap((path) => {
      try {
        return [{ path, text: readFileSync(`${root}/${path}`, 'utf8') }];
      } catch {
        return []; // listed but deleted in the working tree
      }
    });
}

// One file per rule that breaks it, placed where the rule applies.
const BREAKERS: Record<string, SourceFile> = {
  'Cypher lives in server/src/store/ and the migrations only': {
    path: 'server/src/schema/stakeholders/resolvers.ts',
    text: "await execute(db, 'MATCH (s:Stakeholder {id: $id}) RETURN s', { id });",
  },
  'neo4j-driver is imported only by server/src/store/ and server/src/db/': {
    path: 'server/src/app.ts',
    text: "import neo4j from 'neo4j-driver';",
  },
  'server/src/analytics/ imports graphology packages and server/src/domain/ only': {
    path: 'server/src/analytics/influence.ts',
    text: "import { readFileSync } from 'node:fs';\nimport { execute } from '../db/database.js';",
  },
  'server/src/domain/ imports nothing outside itself': {
    path: 'server/src/domain/models.ts',
    text: "import type { RunSummary } from '../runner/full-analysis.js';",
  },
  'client/ does not import from server/': {
    path: 'client/src/lib/graph/model.ts',
    text: "import { METRICS } from '../../../../server/src/domain/metrics.js';",
  },
};

describe('architecture', () => {
  const sources = repositorySources();

  it('reads the application sources', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some((f) => f.path.startsWith('server/src/store/'))).toBe(true);
  });

  it('every rule holds on the repository', () => {
    expect(violations(sources)).toEqual([]);
  });

  it.each(RULES.map((rule) => rule.name))('can fail: %s', (name) => {
    const breaker = BREAKERS[name];
    expect(breaker, `a fixture that breaks "${name}"`).toBeDefined();
    const found = violations([breaker!]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.rule === name)).toBe(true);
  });

  it('allows what the rules allow', () => {
    const allowed: SourceFile[] = [
      { path: 'server/src/store/x.ts', text: "import neo4j from 'neo4j-driver';\nconst q = 'MATCH (s) RETURN s';" },
      { path: 'server/src/db/migrations.ts', text: "const m = 'CREATE INDEX x IF NOT EXISTS FOR (s:S) ON (s.id)';" },
      {
        path: 'server/src/analytics/x.ts',
        text: "import Graph from 'graphology';\nimport louvain from 'graphology-communities-louvain';\nimport Heap from 'mnemonist/heap.js';\nimport { ROLES } from '../domain/vocabulary.js';",
      },
      { path: 'server/src/domain/x.ts', text: "import { METRICS } from './metrics.js';" },
      { path: 'client/src/x.ts', text: "import Graph from 'graphology';\nimport { a } from './lib/a';" },
      { path: 'tests/unit/x.test.ts', text: "import neo4j from 'neo4j-driver';" },
    ];
    expect(violations(allowed)).toEqual([]);
  });

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const text = `import a from 'a';\nimport type { B } from "b";\nexport { c } from './c.js';\nconst d = await import('./d.ts');\nimport 'e';`;
    expect(importsOf(text)).toEqual(['a', 'b', './c.js', './d.ts', 'e']);
  });
});
