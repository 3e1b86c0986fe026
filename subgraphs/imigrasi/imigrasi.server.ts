import type { SubgraphOptions } from '../kit/agency-module';
import { startSubgraphServer, type RunningService } from '../kit/subgraph-server';
import { createImigrasiClient } from './imigrasi.client';
import { createImigrasiLoaders, type ImigrasiContext } from './imigrasi.loaders';
import { buildImigrasiSchema } from './imigrasi.schema';

/** Serves the imigrasi subgraph against SIMKIM at `legacyLocation` (the PasporService endpoint). */
export async function startImigrasiSubgraph(options: SubgraphOptions): Promise<RunningService> {
  const client = await createImigrasiClient({ endpoint: options.legacyLocation, timeoutMs: options.legacyTimeoutMs });
  const built = await buildImigrasiSchema();
  const running = await startSubgraphServer<ImigrasiContext>({
    built,
    host: options.host,
    port: options.port,
    gatewayContext: options.gatewayContext,
    createContext: () => ({ loaders: createImigrasiLoaders(client), client }),
  });
  return {
    ...running,
    stop: async () => {
      await running.stop();
      client.close();
    },
  };
}
