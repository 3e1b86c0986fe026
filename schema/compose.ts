import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** The client-facing schema (what frontends generate code from). */
  apiSdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`composition failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Composes subgraph SDLs into a Federation 2 supergraph with @apollo/composition. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): ComposedSupergraph {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })));
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => error.message));
  }
  return { supergraphSdl: result.supergraphSdl, apiSdl: apiSdlOf(result.supergraphSdl) };
}

/** The API schema of a supergraph, printed in a stable (sorted) order. */
export function apiSdlOf(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(api)) + '\n';
}

/**
 * Points a supergraph's subgraphs at other URLs (the demo on random ports, tests).
 * Rewrites only `@join__graph(name: "...", url: "...")`, which is where the gateway reads them.
 */
export function withSubgraphUrls(supergraphSdl: string, urls: Readonly<Record<string, string>>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) => {
    const url = urls[name];
    return url === undefined ? whole : `@join__graph(name: "${name}", url: "${url}")`;
  });
}
