import 'reflect-metadata';
import readline from 'node:readline';
import { startAgencyStack } from '../../../gateway/demo/agency-stack';
import { agencyByName } from '../../../subgraphs/catalog';
import type { AgencyModule } from '../../../subgraphs/kit/agency-module';
import { createSyntheticTenant } from '../../../subgraphs/kit/synthetic/synthetic-tenant';

/** A catalogue agency by name, or a synthetic tenant by its name (`tenant-042`). */
function agencyFor(name: string): AgencyModule {
  const tenant = /^tenant-(\d{3})$/.exec(name);
  return tenant ? createSyntheticTenant(Number(tenant[1])) : agencyByName(name);
}

/**
 * Agencies (legacy simulators and subgraphs) in a process of their own, as they would be on
 * their own servers, so that a benchmark measures the gateway's process alone.
 * Arguments: AGENCY[,AGENCY...] DATA_DIR DELAY_MS. Prints one JSON line when ready
 * (`urls` by agency); answers "stats" on stdin with the simulators' counters by agency.
 */
async function main(): Promise<void> {
  const [names, dataDir, delay] = process.argv.slice(2);
  if (!names || !dataDir) throw new Error('usage: stack-process AGENCY[,AGENCY...] DATA_DIR [DELAY_MS]');
  const delayMs = Number(delay ?? '0');
  const stack = await startAgencyStack({
    agencies: names.split(',').map(agencyFor),
    dataDir,
    host: '127.0.0.1',
    ports: 'random',
    legacyTimeoutMs: 5000,
    simulatorFaults: { delayMinMs: delayMs, delayMaxMs: delayMs },
  });
  process.stdout.write(JSON.stringify({ ready: true, urls: stack.subgraphUrls() }) + '\n');

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'stats') return;
    const stats = Object.fromEntries([...stack.agencies.values()].map((running) => [running.agency.name, running.simulator.stats()]));
    process.stdout.write(JSON.stringify({ stats }) + '\n');
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
