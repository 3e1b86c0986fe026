import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/**
 * A supergraph needs a query root, which the civil registry owns. Agency schema tests
 * compose their subgraph next to this minimal stand-in, so they do not depend on dukcapil.
 */
export const REGISTRY_STAND_IN_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
scalar NIK
type Query { citizen(nik: NIK!): Citizen }
type Citizen @key(fields: "nik") { nik: NIK! }`;

/** Composes `sdl` with the registry stand-in; returns the composition errors (messages) and the supergraph. */
export function composeWithRegistryStandIn(name: string, sdl: string): { errors: string[]; supergraphSdl: string } {
  const result = composeServices([
    { name: 'registry-stand-in', typeDefs: parse(REGISTRY_STAND_IN_SDL), url: 'http://127.0.0.1:1/graphql' },
    { name, typeDefs: parse(sdl), url: 'http://127.0.0.1:2/graphql' },
  ]);
  return { errors: (result.errors ?? []).map((error) => error.message), supergraphSdl: result.supergraphSdl ?? '' };
}
