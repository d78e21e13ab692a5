import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { prepareDatabase } from './database/prepare-database';
import { configOrExit } from './main';

/**
 * `npm start`: prepares the database once, then runs the api and one worker as two processes.
 * If either stops, the other is stopped too, so a supervisor sees one failure and restarts both.
 */
async function start(): Promise<void> {
  const config = configOrExit();
  const applied = await prepareDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD);
  if (applied.length > 0) process.stdout.write(`Applied migrations: ${applied.join(', ')}\n`);

  const children: ChildProcess[] = [fork(join(__dirname, 'main.js')), fork(join(__dirname, 'worker.js'))];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exitCode = code;
  };
  for (const child of children) child.on('exit', (code) => stopAll(code ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
}

start().catch((error: Error) => {
  process.stderr.write(`Vikariebanken failed to start: ${error.message}\n`);
  process.exit(1);
});
