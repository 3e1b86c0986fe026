import type { KuaLoaders } from './kua.loaders';

/** Per-request context of the kua subgraph. */
export interface KuaContext {
  loaders: KuaLoaders;
}
