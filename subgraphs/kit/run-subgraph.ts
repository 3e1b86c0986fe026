import 'reflect-metadata';
import { Command } from 'commander';
import { agencyByName } from '../catalog';
import type { AgencyModule } from './agency-module';
import { SubgraphContextConfigError, readSubgraphContextSetting, type SubgraphContextSetting } from './gateway-context-config';
import { onShutdownSignal } from '../../gateway/cli/shutdown';

/**
 * `npm run subgraph -- --agency imigrasi --legacy http://127.0.0.1:4102/ [--port 4002]`:
 * runs one agency subgraph alone, against its legacy system (or simulator). It requires the
 * gateway's signed context on every call (SATU_GATEWAY_PUBLIC_KEY_FILE) and refuses to start
 * without that key unless SATU_SUBGRAPH_CONTEXT=off says so (gateway-context-config.ts).
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('satu-subgraph')
    .description('Run one agency subgraph on its own.')
    .requiredOption('--agency <name>', 'agency (subgraph) name, e.g. imigrasi')
    .requiredOption('--legacy <location>', 'legacy system URL, or the export file path for file-based agencies')
    .option('--port <port>', "port (default: the agency's demo port)")
    .option('--host <host>', 'address', '127.0.0.1')
    .option('--timeout <ms>', 'time allowed for one legacy call', '2000')
    .showHelpAfterError();
  program.parse();
  const flags = program.opts<{ agency: string; legacy: string; port?: string; host: string; timeout: string }>();
  let agency: AgencyModule;
  try {
    agency = agencyByName(flags.agency);
  } catch (error) {
    return program.error(`satu-subgraph: ${(error as Error).message}`, { exitCode: 2 });
  }
  const port = flags.port === undefined ? agency.defaultPorts.subgraph : Number(flags.port);
  const timeout = Number(flags.timeout);
  if (!Number.isInteger(port) || port < 0 || port > 65535) program.error(`satu-subgraph: --port must be 0-65535, got "${flags.port}"`, { exitCode: 2 });
  if (!Number.isInteger(timeout) || timeout < 1) program.error(`satu-subgraph: --timeout must be a positive whole number of ms, got "${flags.timeout}"`, { exitCode: 2 });
  let context: SubgraphContextSetting;
  try {
    context = await readSubgraphContextSetting(process.env);
  } catch (error) {
    if (error instanceof SubgraphContextConfigError) return program.error(`satu-subgraph: ${error.message}`, { exitCode: 2 });
    throw error;
  }
  if (!context.required) process.stderr.write(`${context.warning}\n`);
  const running = await agency.startSubgraph({
    host: flags.host,
    port,
    legacyLocation: flags.legacy,
    legacyTimeoutMs: timeout,
    gatewayContext: context.required ? context.requirement : undefined,
  });
  const check = context.required ? `gateway context required, key ${context.publicKeyFile}` : 'GATEWAY CONTEXT NOT CHECKED';
  process.stdout.write(`${agency.name} subgraph ready at ${running.url} (legacy: ${flags.legacy}; ${check})\n`);
  onShutdownSignal(() => running.stop());
}

void main();
