import type { SubgraphOptions } from '../kit/agency-module';
import { startExportFileSubgraph } from '../kit/export-file/export-file-subgraph';
import type { RunningService } from '../kit/subgraph-server';
import { KuaExportClient, type KuaExportClientOptions } from './kua-export.client';
import type { KuaContext } from './kua.context';
import { createKuaLoaders } from './kua.loaders';
import { buildKuaSchema } from './kua.schema';

export interface KuaSubgraphOptions extends SubgraphOptions {
  /** Watcher tuning for tests. */
  client?: Pick<KuaExportClientOptions, 'pollIntervalMs' | 'settleMs'>;
}

export interface RunningKuaSubgraph extends RunningService {
  client: KuaExportClient;
}

/**
 * The kua subgraph over the SIMKAH export file at `legacyLocation`. It starts even when no good
 * export exists yet (marriages are then null with AGENCY_UNAVAILABLE until one appears).
 */
export async function startKuaSubgraph(options: KuaSubgraphOptions): Promise<RunningKuaSubgraph> {
  const built = await buildKuaSchema();
  const client = new KuaExportClient({ path: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, ...options.client });
  return startExportFileSubgraph<KuaContext, KuaExportClient>({
    built,
    host: options.host,
    port: options.port,
    gatewayContext: options.gatewayContext,
    client,
    createContext: () => ({ loaders: createKuaLoaders(client) }),
  });
}
