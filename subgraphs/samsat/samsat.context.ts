import type { SamsatLoaders } from './samsat.loaders';

/** Per-request context of the samsat subgraph. */
export interface SamsatContext {
  loaders: SamsatLoaders;
  /** The request's "today" in Pekanbaru (ISO), so every vehicle's taxStatus uses the same day. */
  today: string;
}
