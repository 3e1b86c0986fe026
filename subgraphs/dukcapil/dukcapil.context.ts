import type { DukcapilLoaders } from './dukcapil.loaders';

/** The per-request context of the dukcapil subgraph (fresh loaders per request). */
export interface DukcapilContext {
  loaders: DukcapilLoaders;
}

/** The kit hands reference resolvers an `unknown` context; check it before use. */
export function asDukcapilContext(context: unknown): DukcapilContext {
  if (typeof context === 'object' && context !== null && 'loaders' in context) return context as DukcapilContext;
  throw new Error('dukcapil: the request context has no loaders (createContext was not wired)');
}
