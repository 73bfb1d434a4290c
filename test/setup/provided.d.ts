/** What the global setup hands to the tests (`inject('stack')`). */
export interface ProvidedStack {
  adminDatabaseUrl: string;
  databaseUrl: string;
  wsProxy: string;
  redisUrl: string;
  cacheUrl: string;
  cacheToken: string;
  controlUrl: string;
  keyEncryptionKey: string;
  adminUsername: string;
  adminEmail: string;
  adminPassword: string;
  consoleClientId: string;
  consoleClientSecret: string;
  passwordPepper: string;
  passwordPepperId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}
