// `npm run check` step: regenerates the GraphQL types and fails when the committed ones differ.
import { execFileSync } from 'node:child_process';

const GENERATED = ['server/src/schema/generated', 'client/src/lib/graphql/generated'];

execFileSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--silent'], { stdio: 'inherit' });
const drift = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], { encoding: 'utf8' }).trim();
if (drift) {
  console.error(`Generated GraphQL types differ from the committed ones:\n${drift}\nCommit the regenerated files.`);
  process.exit(1);
}
console.log('Generated GraphQL types are up to date.');
