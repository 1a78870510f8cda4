// The e2e tier's admin from the global setup (tests/helpers/e2e-setup.ts): the account journeys sign in with.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    adminName: string;
    adminPassword: string;
  }
}
