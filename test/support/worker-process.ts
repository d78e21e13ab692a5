import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/app-config';

/** The worker as its own OS process, so a test can kill it with SIGKILL like a crashed machine. */
export function spawnWorker(config: AppConfig, env: Record<string, string> = {}, nodeArgs: string[] = []): ChildProcess {
  return spawnEntry('worker.ts', config, env, nodeArgs);
}

/** The api as its own OS process, as in production. */
export function spawnApi(config: AppConfig, env: Record<string, string> = {}): ChildProcess {
  return spawnEntry('main.ts', config, env, []);
}

function spawnEntry(entry: string, config: AppConfig, env: Record<string, string>, nodeArgs: string[]): ChildProcess {
  const root = join(__dirname, '..', '..');
  const settings = Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
  return spawn(process.execPath, [...nodeArgs, '-r', 'ts-node/register/transpile-only', join(root, 'src', entry)], {
    cwd: root,
    env: { ...process.env, ...settings, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
