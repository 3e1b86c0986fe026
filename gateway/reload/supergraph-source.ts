import type { SupergraphManager } from '@apollo/gateway';
import type { ReloadStatus } from './reload-status';

/**
 * Throws when this gateway cannot serve a supergraph (an in-process subgraph it cannot build, a
 * schema its query planner refuses). The gateway hands it to its source, which runs it before
 * every switch, so a supergraph that fails to load never replaces a working one.
 */
export type SupergraphAcceptor = (supergraphSdl: string) => void;

/** Where the gateway's supergraph comes from: a static SDL, or a registry it follows. */
export interface SupergraphSource {
  /** The ApolloGateway supergraph manager; `accept` is run on every candidate before it is served. */
  manager(accept: SupergraphAcceptor): SupergraphManager;
  status(): ReloadStatus;
}
