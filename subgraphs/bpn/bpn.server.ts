import type { SubgraphOptions } from '../kit/agency-module';
import { startSubgraphServer, type RunningService } from '../kit/subgraph-server';
import { BpnKkpClient, type BpnKkpClientOptions } from './bpn-kkp.client';
import { createBpnLoaders, type BpnContext } from './bpn.loaders';
import { buildBpnSchema } from './bpn.schema';

export interface BpnSubgraphOptions extends SubgraphOptions {
  /** Client tuning (tests, operators). */
  client?: Pick<BpnKkpClientOptions, 'poolSize' | 'logger'>;
}

export interface RunningBpnSubgraph extends RunningService {
  client: BpnKkpClient;
}

/**
 * The bpn subgraph over the KKP view at `legacyLocation`. A location that is neither a file path
 * nor a PostgreSQL URL stops the start with a clear error; a database that is down does not
 * (landParcels is then null with AGENCY_UNAVAILABLE until it is back).
 */
export async function startBpnSubgraph(options: BpnSubgraphOptions): Promise<RunningBpnSubgraph> {
  const client = new BpnKkpClient({ location: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, ...options.client });
  let server: RunningService;
  try {
    server = await startSubgraphServer<BpnContext>({
      built: await buildBpnSchema(),
      host: options.host,
      port: options.port,
      gatewayContext: options.gatewayContext,
      createContext: () => ({ loaders: createBpnLoaders(client) }),
    });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    name: server.name,
    url: server.url,
    client,
    stop: async () => {
      await server.stop();
      await client.close();
    },
  };
}
