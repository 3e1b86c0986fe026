import path from 'node:path';
import type { Logger } from 'pino';
import { AGENCIES } from '../../subgraphs/catalog';
import type { AgencyModule } from '../../subgraphs/kit/agency-module';
import type { FaultSettings } from '../../subgraphs/kit/simulator/faults';
import { codeCatalogue, syncRegistryWithCode, type CodeSyncOutcome } from '../registry/code-sync';
import { openRegistry, type RegistryStore } from '../registry/registry.store';
import { reconnectingRegistryReader, registryReaderOf, type RegistryReader } from '../reload/registry-reader';
import { RegistrySupergraphSource, type RegistrySupergraphSourceOptions } from '../reload/registry-supergraph-source';
import { gatewayAccessFromEnv } from '../access/gateway-access';
import { startGateway, type GatewayAccess, type RunningGateway } from '../server';
import { ContextSigner } from '../context-signing/context-signer';
import { readContextSigningConfig } from '../context-signing/context-signing-config';
import { loadContextSigningKeys, type ContextSigningKeys } from '../context-signing/context-signing-keys';
import { startAgencyStack, type AgencyStack } from './agency-stack';

export interface DemoOptions {
  dataDir: string;
  host: string;
  gatewayPort: number;
  ports: 'default' | 'random';
  agencies?: readonly AgencyModule[];
  /** Time allowed for one legacy call inside a subgraph. @default 2000 */
  legacyTimeoutMs?: number;
  /** Time allowed for one gateway fetch to a subgraph; above the legacy timeout so that
   *  a slow legacy system surfaces as the subgraph's own AGENCY_TIMEOUT. @default 3000 */
  agencyTimeoutMs?: number;
  simulatorFaults?: Partial<FaultSettings>;
  /** Refuse guarded mutations also on INCOMPLETE identity checks. @default false */
  refuseOnIncompleteIdentity?: boolean;
  /** The gateway database (SQLite path or postgres:// URL). @default <dataDir>/gateway.sqlite */
  databaseLocation?: string;
  /** The schema registry the gateway follows (SQLite path or postgres:// URL). @default <dataDir>/registry.sqlite */
  registryLocation?: string;
  /** How often the gateway asks the registry for a new supergraph. @default 1000 */
  registryPollMs?: number;
  /** Verification time-out and refusal back-off of the live reload (tests shorten them). */
  reload?: Pick<RegistrySupergraphSourceOptions, 'verifyTimeoutMs' | 'refusalRetryMs'>;
  /**
   * Access control and limits. @default from the environment, as `npm start` has them: on, with
   * demo keys and tokens under `<dataDir>/access/` (see RunningDemo.access.control.demo).
   */
  access?: GatewayAccess;
  /**
   * Sign a context for every subgraph call and make every subgraph require it. Off only for
   * benchmarks that compare the cost (never in `npm start`). @default true
   */
  gatewayContext?: boolean;
  logger: Logger;
  onProgress?: (message: string) => void;
}

export interface RunningDemo {
  gateway: RunningGateway;
  stack: AgencyStack;
  /** The registry the gateway follows; undefined when it could not be opened at start (the gateway keeps trying). */
  registry: RegistryStore | undefined;
  /** Access control in force; `control.demo` holds the demo tokens when demo keys are in use. */
  access: GatewayAccess;
  /** The key pair the gateway signs subgraph contexts with; every subgraph of the stack requires them. */
  contextKeys: ContextSigningKeys;
  /** What start-up changed in the registry to bring it in step with the code; null when the registry was unavailable. */
  codeSync: CodeSyncOutcome | null;
  stop(): Promise<void>;
}

/** The last supergraph the demo's gateway served from the registry, for a start while the registry is down. */
export function lastGoodFileOf(dataDir: string): string {
  return path.join(dataDir, 'last-good-supergraph.graphql');
}

/**
 * The whole mall on one machine: every agency's legacy simulator and subgraph, the schema
 * registry brought in step with the code (seeded when fresh; a new version for every subgraph
 * whose SDL or URL the code changed, e.g. the random ports of a test), and the gateway in front,
 * following the registry (live reload). The data directory must exist (see ensureDataDirectory
 * in subgraphs/population).
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const agencies = options.agencies ?? AGENCIES;
  const legacyTimeoutMs = options.legacyTimeoutMs ?? 2000;
  // The gateway signs a context for every subgraph call; every subgraph requires it (made under <dataDir>/context-signing/ on first use).
  const contextSigning = readContextSigningConfig({ dataDir: options.dataDir });
  const contextKeys = await loadContextSigningKeys(contextSigning);
  for (const warning of contextKeys.warnings) options.logger.warn(warning);
  const contextSigner = options.gatewayContext === false ? undefined : new ContextSigner(contextKeys, { lifetimeSeconds: contextSigning.lifetimeSeconds });
  const stack = await startAgencyStack({
    agencies,
    dataDir: options.dataDir,
    host: options.host,
    ports: options.ports,
    legacyTimeoutMs,
    simulatorFaults: options.simulatorFaults,
    gatewayContext: contextSigner && { keys: [contextKeys.publicKey] },
    onStarted: (what, url) => options.onProgress?.(`started ${what} at ${url}`),
  });
  let registry: RegistryStore | undefined;
  let reader: (RegistryReader & { close?: () => Promise<void> }) | undefined;
  try {
    const code = await codeCatalogue(agencies, stack.subgraphUrls());
    const registryLocation = options.registryLocation ?? path.join(options.dataDir, 'registry.sqlite');
    let codeSync: CodeSyncOutcome | null = null;
    try {
      registry = await openRegistry(registryLocation);
    } catch (error) {
      // The gateway starts from its last good supergraph (or the code's) and follows the registry once it opens.
      options.logger.error({ err: (error as Error).message }, 'the schema registry is unavailable; starting without it');
    }
    if (registry) {
      codeSync = await syncRegistryWithCode(registry, code);
      options.onProgress?.(`registry: ${codeSync.seeded ? 'seeded from the code' : `${codeSync.published.length} subgraph version(s) published from the code`}, supergraph ${codeSync.supergraphSequence}`);
      reader = registryReaderOf(registry);
    } else {
      reader = reconnectingRegistryReader(() => openRegistry(registryLocation));
    }
    const source = new RegistrySupergraphSource({
      registry: reader,
      lastGoodFile: lastGoodFileOf(options.dataDir),
      fallback: { sdl: code.supergraph.sdl, description: 'the supergraph composed from the code' },
      pollIntervalMs: options.registryPollMs,
      contextFor: contextSigner && ((subgraph) => contextSigner.internalContextFor(subgraph, 'schema-verification')),
      ...options.reload,
      logger: options.logger,
    });
    const access = options.access ?? (await gatewayAccessFromEnv({ dataDir: options.dataDir, logger: options.logger }));
    const gateway = await startGateway({
      supergraph: source,
      access,
      contextSigner,
      registry,
      host: options.host,
      port: options.gatewayPort,
      agencyTimeoutMs: options.agencyTimeoutMs ?? legacyTimeoutMs + 1000,
      refuseOnIncompleteIdentity: options.refuseOnIncompleteIdentity,
      // The gateway's own database lives with the demo's data unless configured.
      databaseLocation: options.databaseLocation ?? path.join(options.dataDir, 'gateway.sqlite'),
      logger: options.logger,
    });
    return {
      gateway,
      stack,
      access,
      contextKeys,
      registry,
      codeSync,
      stop: async () => {
        await gateway.stop();
        await registry?.close();
        await reader?.close?.();
        await stack.stop();
      },
    };
  } catch (error) {
    await registry?.close();
    await reader?.close?.();
    await stack.stop();
    throw error;
  }
}
