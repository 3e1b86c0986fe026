import 'reflect-metadata';
import readline from 'node:readline';
import { startAgencyStack } from '../../../gateway/demo/agency-stack';
import { agencyByName } from '../../../subgraphs/catalog';

/**
 * One agency (its legacy simulator and its subgraph) in a process of its own, as it would
 * be on its own server, so that a benchmark measures the gateway's process alone and the
 * agencies use every core. Arguments: AGENCY DATA_DIR DELAY_MS.
 * Prints one JSON line when ready; answers "stats" on stdin with the simulator's counters.
 */
async function main(): Promise<void> {
  const [name, dataDir, delay] = process.argv.slice(2);
  if (!name || !dataDir) throw new Error('usage: stack-process AGENCY DATA_DIR [DELAY_MS]');
  const delayMs = Number(delay ?? '0');
  const stack = await startAgencyStack({
    agencies: [agencyByName(name)],
    dataDir,
    host: '127.0.0.1',
    ports: 'random',
    legacyTimeoutMs: 5000,
    simulatorFaults: { delayMinMs: delayMs, delayMaxMs: delayMs },
  });
  const running = stack.agencies.get(name);
  process.stdout.write(JSON.stringify({ ready: true, name, url: running?.subgraph.url }) + '\n');

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'stats') process.stdout.write(JSON.stringify({ stats: running?.simulator.stats() }) + '\n');
  });
  const stop = (): void => {
    void stack.stop().then(() => process.exit(0));
  };
  lines.on('close', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`stack-process: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
