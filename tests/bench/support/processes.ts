import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import readline from 'node:readline';

export interface ChildWithLines {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line matching `test` (or rejects when the child exits or time runs out). */
  nextLine(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function spawnWithLines(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildWithLines {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const index = waiting.findIndex((waiter) => waiter.test(line));
    if (index !== -1) waiting.splice(index, 1)[0]?.resolve(line);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return {
    child,
    nextLine: (test, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null): void => reject(new Error(`${args[0]} exited with ${code}; stderr: ${stderr}`));
        const timer = setTimeout(() => {
          child.off('exit', onExit);
          reject(new Error(`no expected line from ${args[0]} within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        child.once('exit', onExit);
        waiting.push({
          test,
          resolve: (line) => {
            clearTimeout(timer);
            child.off('exit', onExit);
            resolve(line);
          },
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export interface ProcessSample {
  /** User + system CPU time so far, in ms. */
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
}

/** Reads a process's CPU time and memory from /proc (Linux). */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuMs: ((utime + stime) * 1000) / ticksPerSecond, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
