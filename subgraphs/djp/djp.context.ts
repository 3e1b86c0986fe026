import type { DjpLoaders } from './djp.loaders';

/** Per-request context of the djp subgraph. */
export interface DjpContext {
  loaders: DjpLoaders;
}
