/** Names shared by the global setup and the suites of one test run. */
export const ADMIN_DB_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function runId(): string {
  const id = process.env.VB_TEST_RUN;
  if (!id) throw new Error('VB_TEST_RUN is not set: run the tests through jest (globalSetup sets it)');
  return id;
}

export const templateName = (run: string) => `vb_test_${run}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DB_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
