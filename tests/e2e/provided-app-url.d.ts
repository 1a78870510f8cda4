// The e2e tier's values from the global setup: the URL of the running app (server + built client) and
// the admin the tests sign in as.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    e2eUser: { name: string; password: string };
  }
}
