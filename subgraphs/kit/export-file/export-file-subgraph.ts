import type { BaseContext } from '@apollo/server';
import type { BuiltSubgraph } from '../build-subgraph';
import type { GatewayContextRequirement } from '../gateway-context';
import { startSubgraphServer, type RunningService } from '../subgraph-server';

/** What the start-up needs of an export-file adapter (an ExportFileClient). */
export interface ExportFileLifecycle {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

export interface StartExportFileSubgraphOptions<TContext extends BaseContext, TClient extends ExportFileLifecycle> {
  built: BuiltSubgraph;
  host: string;
  port: number;
  /** The agency's adapter over the export file, not started yet. */
  client: TClient;
  /** A fresh context per request: loaders must never be shared between requests. */
  createContext: () => TContext;
  /**
   * Longest wait for the first index before serving (a read that hangs on a stuck mount);
   * lookups made meanwhile wait for it, then time out. @default wait until the first load is done
   */
  firstIndexWaitMs?: number;
  /** Refuse calls without the gateway's signed context (subgraph-server.ts). */
  gatewayContext?: GatewayContextRequirement;
}

/**
 * Starts an export-file subgraph (SAMSAT, DJP, SIMKAH): the adapter builds its first index and
 * starts watching, then the subgraph is served. It starts even when no good export exists yet
 * (lookups then fail with AGENCY_UNAVAILABLE until one appears). If the server cannot start, the
 * adapter is stopped; stopping the result stops the server, then the adapter.
 */
export async function startExportFileSubgraph<TContext extends BaseContext, TClient extends ExportFileLifecycle>(
  options: StartExportFileSubgraphOptions<TContext, TClient>,
): Promise<RunningService & { client: TClient }> {
  const { client } = options;
  if (options.firstIndexWaitMs === undefined) {
    await client.start();
  } else {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.start(), new Promise((resolve) => (timer = setTimeout(resolve, options.firstIndexWaitMs)))]);
    clearTimeout(timer);
  }
  let server: RunningService;
  try {
    server = await startSubgraphServer<TContext>({
      built: options.built,
      host: options.host,
      port: options.port,
      createContext: options.createContext,
      gatewayContext: options.gatewayContext,
    });
  } catch (error) {
    await client.stop();
    throw error;
  }
  return {
    name: server.name,
    url: server.url,
    client,
    stop: async () => {
      await server.stop();
      await client.stop();
    },
  };
}
