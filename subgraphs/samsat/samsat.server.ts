import type { SubgraphOptions } from '../kit/agency-module';
import { todayInPekanbaru } from '../kit/pekanbaru-time';
import { startExportFileSubgraph } from '../kit/export-file/export-file-subgraph';
import type { RunningService } from '../kit/subgraph-server';
import { SamsatExportClient, type SamsatExportClientOptions } from './samsat-export.client';
import type { SamsatContext } from './samsat.context';
import { createSamsatLoaders } from './samsat.loaders';
import { buildSamsatSchema } from './samsat.schema';

export interface SamsatSubgraphOptions extends SubgraphOptions {
  /** The clock taxStatus is computed against. @default the system clock */
  now?: () => Date;
  /** Watcher tuning for tests. */
  client?: Pick<SamsatExportClientOptions, 'pollIntervalMs' | 'settleMs'>;
}

export interface RunningSamsatSubgraph extends RunningService {
  client: SamsatExportClient;
}

/**
 * The samsat subgraph over the export file at `legacyLocation`. It starts even when no good
 * export exists yet (vehicles are then null with AGENCY_UNAVAILABLE until one appears).
 */
export async function startSamsatSubgraph(options: SamsatSubgraphOptions): Promise<RunningSamsatSubgraph> {
  const built = await buildSamsatSchema();
  const client = new SamsatExportClient({ path: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, ...options.client });
  const now = options.now ?? (() => new Date());
  return startExportFileSubgraph<SamsatContext, SamsatExportClient>({
    built,
    host: options.host,
    port: options.port,
    gatewayContext: options.gatewayContext,
    client,
    createContext: () => ({ loaders: createSamsatLoaders(client), today: todayInPekanbaru(now()) }),
  });
}
