/** Starts the real `npm start` / `npm run worker` entry points as child processes for tests and benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../src/paths.ts';

export interface Proc {
  child: ChildProcess;
  /** http://127.0.0.1:<port> for an API process */
  url?: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * tsx's loader inside the one node process, not tsx's CLI: the CLI runs the program in a child
 * process, so a SIGKILL (the crash tests) would kill only the CLI and leave the real program
 * running as an orphan.
 */
export async function startProcess(kind: 'api' | 'worker', env: Record<string, string>, timeoutMs = 60_000): Promise<Proc> {
  const args = ['--import', 'tsx', 'src/main.ts', ...(kind === 'worker' ? ['--worker'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc: Proc = {
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  const ready = kind === 'api' ? /web chat on (http:\/\/\S+)/ : /worker started/;
  if (kind === 'worker') child.stdout!.on('data', () => {});
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const m = out.match(ready);
    if (m) {
      if (kind === 'api') proc.url = m[1]!.replace('localhost', '127.0.0.1');
      return proc;
    }
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await proc.kill('SIGKILL');
  throw new Error(`${kind} did not start in ${timeoutMs} ms:\n${out}`);
}
