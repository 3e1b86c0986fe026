import { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../subgraphs/kit/logger';
import { ConfigError, readGatewayConfig } from '../config';
import { registryLocation } from '../registry/cli-support';
import { openRegistry, type RegistryStore } from '../registry/registry.store';
import { reconnectingRegistryReader, registryReaderOf, type RegistryReader } from '../reload/registry-reader';
import { RegistrySupergraphSource } from '../reload/registry-supergraph-source';
import { gatewayAccessFromEnv } from '../access/gateway-access';
import { startGateway, type GatewayAccess, type RunningGateway } from '../server';
import { ContextSigner } from '../context-signing/context-signer';
import { readContextSigningConfig } from '../context-signing/context-signing-config';
import { loadContextSigningKeys, type ContextSigningKeys } from '../context-signing/context-signing-keys';
import { onShutdownSignal } from './shutdown';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where the standalone gateway keeps synchronization requests unless SATU_DATABASE_URL says otherwise. */
const DEFAULT_DATABASE = path.join(PROJECT_ROOT, 'data', 'gateway.sqlite');
/** The last supergraph served from the registry, for a start while the registry is down. */
const LAST_GOOD_FILE = path.join(PROJECT_ROOT, 'data', 'last-good-supergraph.graphql');
/** What a gateway following an empty registry serves (a fresh install). */
const COMMITTED_SUPERGRAPH = path.join(PROJECT_ROOT, 'schema', 'supergraph.graphql');

function fail(message: string, exitCode: number): never {
  process.stderr.write(`satu-gateway: ${message}\n`);
  process.exit(exitCode);
}

function readSupergraphFile(file: string): string {
  try {
    if (statSync(file).size > 50 * 1024 * 1024) throw new Error('the file is larger than 50 MB');
    return readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read supergraph "${file}": ${(error as Error).message}`, 2);
  }
}

/**
 * `npm run gateway -- --supergraph FILE [--port P] [--host H]`: serves any Federation 2
 * supergraph on its own (also SATU_SUPERGRAPH, PORT, HOST). Subgraph URLs come from the file.
 * `--registry` follows the schema registry instead (SATU_DATABASE_URL or data/registry.sqlite,
 * polled every SATU_REGISTRY_POLL_MS); `--supergraph` then names what a fresh install serves
 * (default schema/supergraph.graphql).
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('satu-gateway')
    .description('Serve a Federation 2 supergraph with the Satu gateway (offline).')
    .option('--supergraph <file>', 'supergraph SDL file (env SATU_SUPERGRAPH); with --registry, the fresh-install fallback')
    .option('--registry', 'follow the schema registry (SATU_DATABASE_URL or data/registry.sqlite): live reload')
    .option('--last-good <file>', 'with --registry: where the last good supergraph is kept (env SATU_LAST_GOOD_SUPERGRAPH, default data/last-good-supergraph.graphql)')
    .option('--port <port>', 'port to listen on (env PORT, default 4000)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .showHelpAfterError();
  program.parse();
  const flags = program.opts<{ supergraph?: string; registry?: boolean; lastGood?: string; port?: string; host?: string }>();
  const logger = createLogger('gateway');

  const file = flags.supergraph ?? (process.env.SATU_SUPERGRAPH || undefined);
  if (!file && !flags.registry) fail('give the supergraph with --supergraph FILE or SATU_SUPERGRAPH, or follow the registry with --registry', 2);
  const supergraphSdl = readSupergraphFile(file ?? COMMITTED_SUPERGRAPH);
  let config;
  let access: GatewayAccess;
  let contextKeys: ContextSigningKeys;
  let contextSigner: ContextSigner;
  try {
    config = readGatewayConfig({ port: flags.port, host: flags.host });
    // Demo keys (development, no keys configured) live next to the gateway's database.
    access = await gatewayAccessFromEnv({ dataDir: path.dirname(DEFAULT_DATABASE), logger });
    // The key subgraph contexts are signed with: SATU_CONTEXT_SIGNING_KEY_FILE, else made under data/context-signing/ (development).
    const contextSigning = readContextSigningConfig({ dataDir: path.dirname(DEFAULT_DATABASE) });
    contextKeys = await loadContextSigningKeys(contextSigning);
    contextSigner = new ContextSigner(contextKeys, { lifetimeSeconds: contextSigning.lifetimeSeconds });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  for (const warning of contextKeys.warnings) logger.warn(warning);
  let registry: RegistryStore | undefined;
  let reader: (RegistryReader & { close?: () => Promise<void> }) | undefined;
  if (flags.registry) {
    const location = registryLocation(process.env);
    try {
      registry = await openRegistry(location);
      reader = registryReaderOf(registry);
    } catch (error) {
      // Start from the last good supergraph; the reader opens the registry once it is back.
      logger.error({ err: (error as Error).message }, 'the schema registry is unavailable; starting without it');
      reader = reconnectingRegistryReader(() => openRegistry(location));
    }
  }
  const supergraph = reader
    ? {
        supergraph: new RegistrySupergraphSource({
          registry: reader,
          lastGoodFile: flags.lastGood ?? (process.env.SATU_LAST_GOOD_SUPERGRAPH || LAST_GOOD_FILE),
          fallback: { sdl: supergraphSdl, description: file ?? COMMITTED_SUPERGRAPH },
          pollIntervalMs: config.registryPollMs,
          contextFor: (subgraph) => contextSigner.internalContextFor(subgraph, 'schema-verification'),
          logger,
        }),
      }
    : { supergraphSdl };
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({ ...supergraph, ...config, access, contextSigner, registry, databaseLocation: config.databaseLocation ?? DEFAULT_DATABASE, logger });
  } catch (error) {
    await registry?.close();
    return fail(`cannot serve ${reader ? 'the registry supergraph' : `"${file}"`}: ${(error as Error).message}`, 1);
  }
  const status = gateway.reloadStatus();
  const from = status.source === 'file' ? 'file' : `${status.source}, supergraph ${status.sequence}`;
  if (access.control.startupNotice) process.stdout.write(`${access.control.startupNotice}\n`);
  process.stdout.write(`Satu gateway ready at ${gateway.url} (${gateway.subgraphs.length} subgraphs: ${gateway.subgraphs.map((s) => s.name).join(', ')}; from ${from})\n`);
  process.stdout.write(`Subgraph calls carry a signed context; give subgraphs the public key ${contextKeys.publicKeyFile ?? `of ${contextKeys.signingKeyFile}`} (SATU_GATEWAY_PUBLIC_KEY_FILE)\n`);
  onShutdownSignal(async () => {
    await gateway.stop();
    await registry?.close();
    await reader?.close?.();
  });
}

void main();
