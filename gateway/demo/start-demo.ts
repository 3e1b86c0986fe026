import path from 'node:path';
import type { Logger } from 'pino';
import { AGENCIES } from '../../subgraphs/catalog';
import type { AgencyModule } from '../../subgraphs/kit/agency-module';
import type { FaultSettings } from '../../subgraphs/kit/simulator/faults';
import { buildSchemaArtifacts } from '../../schema/pipeline';
import { startGateway, type RunningGateway } from '../server';
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
  logger: Logger;
  onProgress?: (message: string) => void;
}

export interface RunningDemo {
  gateway: RunningGateway;
  stack: AgencyStack;
  stop(): Promise<void>;
}

/**
 * The whole mall on one machine: every agency's legacy simulator and subgraph, a
 * supergraph composed for the ports they actually got, and the gateway in front.
 * The data directory must exist (see ensureDataDirectory in subgraphs/population).
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const agencies = options.agencies ?? AGENCIES;
  const legacyTimeoutMs = options.legacyTimeoutMs ?? 2000;
  const stack = await startAgencyStack({
    agencies,
    dataDir: options.dataDir,
    host: options.host,
    ports: options.ports,
    legacyTimeoutMs,
    simulatorFaults: options.simulatorFaults,
    onStarted: (what, url) => options.onProgress?.(`started ${what} at ${url}`),
  });
  try {
    const artifacts = await buildSchemaArtifacts(agencies, stack.subgraphUrls());
    const gateway = await startGateway({
      supergraphSdl: artifacts.supergraphSdl,
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
      stop: async () => {
        await gateway.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
