import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/app-config';

const ROOT = join(__dirname, '..', '..');

/** The worker as its own OS process, so a test can kill it with SIGKILL like a crashed machine. */
export function spawnWorker(config: AppConfig, env: Record<string, string> = {}, nodeArgs: string[] = []): ChildProcess {
  return spawnEntry('worker.ts', config, env, nodeArgs);
}

/** The api as its own OS process, as in production. */
export function spawnApi(config: AppConfig, env: Record<string, string> = {}): ChildProcess {
  return spawnEntry('main.ts', config, env, []);
}

export interface SpawnOptions {
  /** Node's own arguments, before the script: a preload (`-r file`), `--cpu-prof`. */
  nodeArgs?: string[];
  /** The compiled build (dist/src/*.js, as `npm start` runs it) rather than the sources through ts-node. */
  compiled?: boolean;
  /** An IPC channel to the child (process.send), as `npm start`'s fork gives its api and worker. */
  ipc?: boolean;
}

/** The api or the worker as its own OS process, from the sources or from the compiled build. */
export function spawnService(service: 'api' | 'worker', config: AppConfig, env: Record<string, string> = {}, options: SpawnOptions = {}): ChildProcess {
  const entry = service === 'api' ? 'main' : 'worker';
  const script = options.compiled ? [join(ROOT, 'dist', 'src', `${entry}.js`)] : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', `${entry}.ts`)];
  return spawnNode([...(options.nodeArgs ?? []), ...script], config, env, options.ipc ?? false);
}

function spawnEntry(entry: string, config: AppConfig, env: Record<string, string>, nodeArgs: string[]): ChildProcess {
  return spawnNode([...nodeArgs, '-r', 'ts-node/register/transpile-only', join(ROOT, 'src', entry)], config, env, false);
}

function spawnNode(args: string[], config: AppConfig, env: Record<string, string>, ipc: boolean): ChildProcess {
  const settings = Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...settings, LOG_LEVEL: 'warn', ...env },
    stdio: ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
