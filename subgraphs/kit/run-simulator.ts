import 'reflect-metadata';
import { Command } from 'commander';
import { agencyByName } from '../catalog';
import type { AgencyModule } from './agency-module';
import { onShutdownSignal } from '../../gateway/cli/shutdown';
import { faultSettingsFromEnv, type FaultSettings } from './simulator/faults';

/**
 * `npm run simulator -- --agency imigrasi --data data/pekanbaru [--port 4102]`: runs one
 * agency's legacy simulator alone. Latency and faults from SATU_SIM_DELAY_MS,
 * SATU_SIM_ERROR_RATE, SATU_SIM_HANG_RATE, SATU_SIM_MALFORMED_RATE.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('satu-simulator')
    .description("Run one agency's legacy simulator on its own.")
    .requiredOption('--agency <name>', 'agency name, e.g. imigrasi')
    .requiredOption('--data <dir>', 'data directory written by npm run seed')
    .option('--port <port>', "port (default: the agency's demo port)")
    .option('--host <host>', 'address', '127.0.0.1')
    .showHelpAfterError();
  program.parse();
  const flags = program.opts<{ agency: string; data: string; port?: string; host: string }>();
  let agency: AgencyModule;
  let faults: FaultSettings;
  try {
    agency = agencyByName(flags.agency);
    faults = faultSettingsFromEnv();
  } catch (error) {
    return program.error(`satu-simulator: ${(error as Error).message}`, { exitCode: 2 });
  }
  const port = flags.port === undefined ? agency.defaultPorts.simulator : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) program.error(`satu-simulator: --port must be 0-65535, got "${flags.port}"`, { exitCode: 2 });
  const running = await agency.startSimulator({ dataDir: flags.data, host: flags.host, port, faults });
  process.stdout.write(`${agency.name} legacy simulator ready at ${running.url}\n`);
  onShutdownSignal(() => running.stop());
}

void main();
