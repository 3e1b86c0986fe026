import type { SubgraphOptions } from '../kit/agency-module';
import { todayInPekanbaru } from '../kit/pekanbaru-time';
import { startSubgraphServer, type RunningService } from '../kit/subgraph-server';
import { PolriClient, type PolriClientOptions } from './polri.client';
import { readPolriConfig } from './polri.config';
import { createPolriLoaders, type PolriContext } from './polri.loaders';
import { buildPolriSchema } from './polri.schema';

export interface PolriSubgraphOptions extends SubgraphOptions {
  /** The clock statuses are computed against. @default the system clock */
  now?: () => Date;
  /** Adapter tuning for tests (e.g. a small page size to force several pages). */
  client?: Pick<PolriClientOptions, 'pageSize' | 'retryOn429' | 'apiKey'>;
}

/** Serves the polri subgraph against POLRI-SIM at `legacyLocation` (the service root `.../api/v1`). */
export async function startPolriSubgraph(options: PolriSubgraphOptions): Promise<RunningService> {
  const config = readPolriConfig();
  const client = new PolriClient({ baseUrl: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, apiKey: config.apiKey, ...options.client });
  const now = options.now ?? (() => new Date());
  return startSubgraphServer<PolriContext>({
    built: await buildPolriSchema(),
    host: options.host,
    port: options.port,
    gatewayContext: options.gatewayContext,
    createContext: () => ({ loaders: createPolriLoaders(client, { concurrency: config.concurrency }), today: todayInPekanbaru(now()) }),
  });
}
