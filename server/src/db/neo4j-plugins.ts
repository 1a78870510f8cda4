// Optional plugins for the embedded Neo4j (Graph Data Science, APOC core), resolved by Maven like the server's
// own jars and put on the JVM classpath beside them. See docs/decisions/062-embedded-neo4j-plugins.md.
import { mavenPackage } from './maven.js';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Neo4jPlugin = 'gds' | 'apoc';

interface PluginSpec {
  /** The Maven project under server/neo4j/plugins/ that lists the plugin's modules. */
  pom: string;
  version: string;
  /** Procedure namespace to run unrestricted (they use internal APIs). */
  procedures: string;
  description: string;
}

export const NEO4J_PLUGINS: Readonly<Record<Neo4jPlugin, PluginSpec>> = {
  gds: { pom: 'gds.xml', version: '2.13.9', procedures: 'gds.*', description: 'Graph Data Science (OpenGDS)' },
  apoc: { pom: 'apoc.xml', version: '5.26.19', procedures: 'apoc.*', description: 'APOC core' },
};

const PLUGIN_POMS = fileURLToPath(new URL('../../neo4j/plugins/', import.meta.url));

/** `commons-lang3-3.12.0.jar` → `commons-lang3`; `javassist-3.28.0-GA.jar` → `javassist`: the version starts at the first `-<digit>`. */
export function artifactName(jar: string): string {
  return jar.replace(/\.jar$/, '').replace(/-\d.*$/, '');
}

/**
 * The plugin jars to put on the classpath: all of the plugin's own modules (named with its version, even where the
 * name looks like a Neo4j artifact, e.g. GDS's `annotations-2.13.9.jar`), and of the third-party ones only those the
 * server does not ship already: two copies of a class in two jars break procedure registration (IllegalAccessError).
 */
export function jarsToKeep(pluginJars: readonly string[], serverJars: readonly string[], pluginVersion: string): string[] {
  const shipped = new Set(serverJars.map(artifactName));
  return pluginJars.filter((jar) => jar.endsWith(`-${pluginVersion}.jar`) || !shipped.has(artifactName(jar)));
}

/** Resolves a plugin into `<cacheDir>/plugins/<name>-<version>/lib` (first use only) and returns that folder. */
export function ensurePluginJars(plugin: Neo4jPlugin, cacheDir: string, serverLib: string, log: (line: string) => void): string {
  const spec = NEO4J_PLUGINS[plugin];
  const home = join(cacheDir, 'plugins', `${plugin}-${spec.version}`);
  const lib = join(home, 'lib');
  const marker = join(home, '.complete');
  if (existsSync(marker) && existsSync(lib)) return lib;
  log(`Resolving ${spec.description} ${spec.version} with Maven into ${lib} (first use only)…`);
  const resolved = join(home, 'resolved');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const failure = mavenPackage(join(PLUGIN_POMS, spec.pom), {
    'plugin.version': spec.version,
    'lib.dir': resolved,
    buildDir: join(home, 'target'),
  });
  if (failure !== null) throw new Error(`Maven could not resolve ${spec.description} ${spec.version}:\n${failure}`);
  mkdirSync(lib, { recursive: true });
  for (const jar of jarsToKeep(readdirSync(resolved), readdirSync(serverLib), spec.version)) {
    renameSync(join(resolved, jar), join(lib, jar));
  }
  rmSync(resolved, { recursive: true, force: true });
  rmSync(join(home, 'target'), { recursive: true, force: true });
  writeFileSync(marker, new Date().toISOString());
  return lib;
}

/** The neo4j.conf line that lets the plugins' procedures run (none when no plugin is on). */
export function unrestrictedProcedures(plugins: readonly Neo4jPlugin[]): string[] {
  if (plugins.length === 0) return [];
  return [`dbms.security.procedures.unrestricted=${plugins.map((p) => NEO4J_PLUGINS[p].procedures).join(',')}`];
}

/**
 * Links the enabled plugins' jars into the store's plugins folder, where Neo4j looks for procedures (being on the
 * classpath loads their extensions, being in plugins/ registers their procedures: both are needed, as the official
 * start script does). Links from an earlier start with other plugins are removed first.
 */
export function linkPluginJars(pluginsDir: string, pluginLibs: readonly string[]): void {
  mkdirSync(pluginsDir, { recursive: true });
  for (const entry of readdirSync(pluginsDir)) {
    if (lstatSync(join(pluginsDir, entry)).isSymbolicLink()) rmSync(join(pluginsDir, entry));
  }
  for (const lib of pluginLibs) {
    for (const jar of readdirSync(lib)) symlinkSync(join(lib, jar), join(pluginsDir, jar));
  }
}
