// Maven resolves the jars the embedded Neo4j runs from (the server and its optional plugins), each from
// a small pom of this repository whose `package` copies the dependencies into a folder.
import { spawnSync } from 'node:child_process';

/** Runs `mvn package` on `pom` with `-Dname=value` properties; null when it succeeded, else Maven's last output. */
export function mavenPackage(pom: string, properties: Readonly<Record<string, string>>): string | null {
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pom, 'package', ...Object.entries(properties).map(([name, value]) => `-D${name}=${value}`)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return result.status === 0 ? null : (result.stdout + result.stderr).slice(-2000);
}
