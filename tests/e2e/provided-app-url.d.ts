// The e2e tier's value from the global setup: the URL of the running app (server + built client).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}
