// The house rules as pure checks over source files (path + text): which floor may hold Cypher, import
// the driver, or import which other folder. Used by tests/unit/architecture/architecture.test.ts.
import { posix } from 'node:path';

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  text: string;
}

export interface Violation {
  rule: string;
  path: string;
  detail: string;
}

export interface Rule {
  name: string;
  check(file: SourceFile): string[];
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a file imports (static, re-exports and dynamic imports with a literal). */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) found.push((match[1] ?? match[2])!);
  return found;
}

/** The repository path a relative specifier points at (extension as written), or null for a package. */
export function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return posix.normalize(posix.join(posix.dirname(from), specifier));
}

// Statements, not prose: a clause keyword followed by what only Cypher puts there.
const CYPHER = [
  /\b(?:OPTIONAL\s+)?MATCH\s*\(/,
  /\bMERGE\s*\(/,
  /\bCREATE\s*(?:\(|CONSTRAINT\b|INDEX\b|FULLTEXT\b)/,
  /\bUNWIND\s+[$[]/,
  /\bDETACH\s+DELETE\b/,
  /\bCALL\s+(?:db|dbms|gds|apoc)\./,
];

const under = (path: string, folders: readonly string[]): boolean => folders.some((f) => path === f || path.startsWith(`${f}/`));
const inServer = (path: string): boolean => path.startsWith('server/src/');
const isPackage = (specifier: string, name: string): boolean => specifier === name || specifier.startsWith(`${name}/`);

/** Where Cypher may be written: the store, and the migrations. */
export const CYPHER_HOMES = ['server/src/store', 'server/src/db/migrations.ts'];
/** Where the driver may be imported: the store and db. */
export const DRIVER_HOMES = ['server/src/store', 'server/src/db'];
/** Packages the pure analytics may use: graphology's own and its data-structure library. */
export const ANALYTICS_PACKAGES = ['graphology', 'mnemonist'];

export const RULES: readonly Rule[] = [
  {
    name: 'Cypher lives in server/src/store/ and the migrations only',
    check: ({ path, text }) =>
      under(path, CYPHER_HOMES) ? [] : CYPHER.filter((pattern) => pattern.test(text)).map((p) => `Cypher (${p.source})`),
  },
  {
    name: 'neo4j-driver is imported only by server/src/store/ and server/src/db/',
    check: ({ path, text }) =>
      under(path, DRIVER_HOMES)
        ? []
        : importsOf(text)
            .filter((s) => isPackage(s, 'neo4j-driver'))
            .map((s) => `imports ${s}`),
  },
  {
    name: 'server/src/analytics/ imports graphology packages and server/src/domain/ only',
    check: ({ path, text }) => {
      if (!under(path, ['server/src/analytics'])) return [];
      return importsOf(text)
        .filter((s) => {
          const target = resolveImport(path, s);
          if (target === null) return !ANALYTICS_PACKAGES.some((p) => s === p || s.startsWith(`${p}-`) || s.startsWith(`${p}/`));
          return !under(target, ['server/src/analytics', 'server/src/domain']);
        })
        .map((s) => `imports ${s}`);
    },
  },
  {
    name: 'server/src/domain/ imports nothing outside itself',
    check: ({ path, text }) => {
      if (!under(path, ['server/src/domain'])) return [];
      return importsOf(text)
        .filter((s) => {
          const target = resolveImport(path, s);
          return target === null || !under(target, ['server/src/domain']);
        })
        .map((s) => `imports ${s}`);
    },
  },
  {
    name: 'client/ does not import from server/',
    check: ({ path, text }) => {
      if (!under(path, ['client'])) return [];
      return importsOf(text)
        .filter((s) => {
          const target = resolveImport(path, s);
          return target === null ? isPackage(s, '@stakeholder-atlas/server') : under(target, ['server']);
        })
        .map((s) => `imports ${s}`);
    },
  },
];

/** Every violation of every rule in `files`. Only the application's code is held to the rules (not tests or benchmarks). */
export function violations(files: readonly SourceFile[], rules: readonly Rule[] = RULES): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    if (!inServer(file.path) && !under(file.path, ['client/src', 'seeds'])) continue;
    for (const rule of rules) for (const detail of rule.check(file)) out.push({ rule: rule.name, path: file.path, detail });
  }
  return out;
}
