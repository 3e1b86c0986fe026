import type { SubgraphOptions } from '../kit/agency-module';
import { startExportFileSubgraph } from '../kit/export-file/export-file-subgraph';
import type { RunningService } from '../kit/subgraph-server';
import { DjpExportClient, type DjpExportClientOptions } from './djp-export.client';
import type { DjpContext } from './djp.context';
import { createDjpLoaders } from './djp.loaders';
import { buildDjpSchema } from './djp.schema';

export interface DjpSubgraphOptions extends SubgraphOptions {
  /** Watcher tuning, and a slow or failing read, for tests. */
  client?: Pick<DjpExportClientOptions, 'pollIntervalMs' | 'settleMs' | 'readExport'>;
}

export interface RunningDjpSubgraph extends RunningService {
  client: DjpExportClient;
}

/**
 * The djp subgraph over the export file at `legacyLocation`. It starts even when no good export
 * exists yet (taxProfile is then null with AGENCY_UNAVAILABLE until one appears).
 */
export async function startDjpSubgraph(options: DjpSubgraphOptions): Promise<RunningDjpSubgraph> {
  const built = await buildDjpSchema();
  const client = new DjpExportClient({ path: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, ...options.client });
  return startExportFileSubgraph<DjpContext, DjpExportClient>({
    built,
    host: options.host,
    port: options.port,
    gatewayContext: options.gatewayContext,
    client,
    createContext: () => ({ loaders: createDjpLoaders(client) }),
    // Serve as soon as the first index is built, but never wait on a read that hangs (a stuck
    // mount) longer than one legacy call may take: lookups meanwhile wait for it, then time out.
    firstIndexWaitMs: options.legacyTimeoutMs,
  });
}
