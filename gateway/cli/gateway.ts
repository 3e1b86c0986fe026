import { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../subgraphs/kit/logger';
import { ConfigError, readGatewayConfig } from '../config';
import { startGateway } from '../server';
import { onShutdownSignal } from './shutdown';

/** Where the standalone gateway keeps synchronization requests unless SATU_DATABASE_URL says otherwise. */
const DEFAULT_DATABASE = path.resolve(__dirname, '..', '..', '..', 'data', 'gateway.sqlite');

/**
 * `npm run gateway -- --supergraph FILE [--port P] [--host H]`: serves any Federation 2
 * supergraph on its own (also SATU_SUPERGRAPH, PORT, HOST). Subgraph URLs come from the file.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('satu-gateway')
    .description('Serve a Federation 2 supergraph with the Satu gateway (offline).')
    .option('--supergraph <file>', 'supergraph SDL file (env SATU_SUPERGRAPH)')
    .option('--port <port>', 'port to listen on (env PORT, default 4000)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .showHelpAfterError();
  program.parse();
  const flags = program.opts<{ supergraph?: string; port?: string; host?: string }>();
  const logger = createLogger('gateway');

  const file = flags.supergraph ?? process.env.SATU_SUPERGRAPH;
  if (!file) {
    process.stderr.write('satu-gateway: give the supergraph with --supergraph FILE or SATU_SUPERGRAPH\n');
    process.exit(2);
  }
  let supergraphSdl: string;
  try {
    if (statSync(file).size > 50 * 1024 * 1024) throw new Error('the file is larger than 50 MB');
    supergraphSdl = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`satu-gateway: cannot read supergraph "${file}": ${(error as Error).message}\n`);
    process.exit(2);
  }
  let config;
  try {
    config = readGatewayConfig({ port: flags.port, host: flags.host });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`satu-gateway: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let gateway;
  try {
    gateway = await startGateway({ supergraphSdl, ...config, databaseLocation: config.databaseLocation ?? DEFAULT_DATABASE, logger });
  } catch (error) {
    process.stderr.write(`satu-gateway: cannot serve "${file}": ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Satu gateway ready at ${gateway.url} (${gateway.subgraphs.length} subgraphs: ${gateway.subgraphs.map((s) => s.name).join(', ')})\n`);
  onShutdownSignal(async () => {
    await gateway.stop();
  });
}

void main();
