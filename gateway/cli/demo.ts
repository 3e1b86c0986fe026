import './quiet-logs';
import 'reflect-metadata';
import { Command } from 'commander';
import path from 'node:path';
import { AGENCIES } from '../../subgraphs/catalog';
import { createLogger } from '../../subgraphs/kit/logger';
import { ensureDataDirectory } from '../../subgraphs/population/write-data-dir';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { ConfigError, readGatewayConfig } from '../config';
import { gatewayAccessFromEnv } from '../access/gateway-access';
import { registryLocation } from '../registry/cli-support';
import { startDemo } from '../demo/start-demo';
import { demoBanner } from '../demo/banner';
import { onShutdownSignal } from './shutdown';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, 'data', 'pekanbaru');

/**
 * `npm start [-- --data DIR]`: the whole mall on this machine. Generates the default data
 * directory when it is missing, starts every legacy simulator, subgraph and the gateway,
 * and prints what to try. PORT sets the gateway's port. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const program = new Command()
    .name('satu')
    .description('Run the Satu demo: every agency of the mall behind one gateway, on loopback.')
    .option('--data <dir>', 'data directory (generated when missing)', DEFAULT_DATA_DIR)
    .option('--citizens <n>', 'citizens to generate when the data directory is missing', '10000')
    .option('--seed <seed>', 'seed for generating the data directory', 'pekanbaru')
    .option('--random-ports', 'put simulators and subgraphs on free ports instead of 4001-4104')
    .showHelpAfterError();
  program.parse();
  const flags = program.opts<{ data: string; citizens: string; seed: string; randomPorts?: boolean }>();
  const citizens = Number(flags.citizens);
  if (!Number.isSafeInteger(citizens) || citizens < 1 || citizens > 1_000_000) {
    program.error(`satu: --citizens must be a whole number from 1 to 1000000, got "${flags.citizens}"`, { exitCode: 2 });
  }
  let config;
  try {
    config = readGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) program.error(`satu: ${error.message}`, { exitCode: 2 });
    throw error;
  }
  const logger = createLogger('demo');
  const dataDir = path.resolve(flags.data);
  const progress = (message: string): void => {
    process.stderr.write(`satu: ${message}\n`);
  };

  await ensureDataDirectory({ out: dataDir, citizens, seed: flags.seed, onProgress: progress });
  let access;
  try {
    // On by default, with demo keys and tokens under <data>/access/ (printed in the banner).
    access = await gatewayAccessFromEnv({ dataDir, logger });
  } catch (error) {
    if (error instanceof ConfigError) program.error(`satu: ${error.message}`, { exitCode: 2 });
    throw error;
  }
  const groundTruth = readGroundTruth(dataDir);
  progress('starting legacy simulators, subgraphs and the gateway...');
  const demo = await startDemo({
    dataDir,
    host: config.host,
    gatewayPort: config.port,
    ports: flags.randomPorts ? 'random' : 'default',
    refuseOnIncompleteIdentity: config.refuseOnIncompleteIdentity,
    // The same default as the standalone gateway and `satu audit`: data/gateway.sqlite (ledger, sync requests).
    databaseLocation: config.databaseLocation ?? path.join(PROJECT_ROOT, 'data', 'gateway.sqlite'),
    // The registry `npm run satu -- publish` writes to, so a publish reaches the running demo.
    registryLocation: registryLocation(process.env),
    registryPollMs: config.registryPollMs,
    access,
    logger,
    onProgress: (message) => logger.debug(message),
  }).catch((error: unknown) => {
    process.stderr.write(`satu: could not start: ${(error as Error).message}\n`);
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write('satu: a port is taken; set PORT for the gateway, or use --random-ports for the agencies\n');
    }
    process.exit(1);
  });
  const seconds = (performance.now() - startedAt) / 1000;
  process.stdout.write(demoBanner({ gatewayUrl: demo.gateway.url, dataDir, groundTruth, agencies: AGENCIES.map((agency) => agency.name), seconds, credentials: demo.access.control.demo }));
  onShutdownSignal(() => demo.stop());
}

void main();
