import { Supergraph } from '@apollo/federation-internals';
import { assertValidSchema } from 'graphql';

export class SupergraphLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupergraphLoadError';
  }
}

export interface PreflightedSupergraph {
  /** The subgraphs and the URLs the gateway would call (from `@join__graph`). */
  subgraphs: ReadonlyArray<{ name: string; url: string }>;
}

/**
 * Runs, on a candidate supergraph, the steps of ApolloGateway's update that refuse a supergraph:
 * building and validating it (unsupported features such as `@authenticated` fail here) and
 * deriving its API schema. The gateway mutates its state half-way through its update (it records
 * the new composition id before deriving the API schema), so a bad candidate should fail here;
 * what still fails inside `update()` (the query planner's construction, which costs as much as
 * the rest together and is not repeated here) is undone by handing the gateway the working
 * supergraph again (RegistrySupergraphSource).
 */
export function preflightSupergraph(supergraphSdl: string): PreflightedSupergraph {
  try {
    const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: true });
    assertValidSchema(supergraph.apiSchema().toGraphQLJSSchema());
    return { subgraphs: supergraph.subgraphsMetadata().map(({ name, url }) => ({ name, url })) };
  } catch (error) {
    const detail = (error as Error).message.split('\n').slice(0, 5).join(' ');
    throw new SupergraphLoadError(`the gateway cannot load this supergraph: ${detail}`);
  }
}
