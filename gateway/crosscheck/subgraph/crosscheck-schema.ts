import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { DateScalar, NikScalar } from '../../../subgraphs/kit/scalars';
import { crosscheckSdl } from './crosscheck-sdl';
import { checkIdentity } from './identity-check';
import type { IdentityModel } from './identity-claims';

/**
 * The crosscheck subgraph, executable. It runs inside the gateway process (a local data
 * source): no network hop, and no state of its own: everything it needs arrives in the
 * Citizen representation through `@requires`.
 */
export function buildCrosscheckSchema(model: IdentityModel): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: parse(crosscheckSdl(model)),
      resolvers: {
        NIK: NikScalar,
        Date: DateScalar,
        Citizen: {
          // Keep the representation: it carries the @requires fields (STYLE.md pitfall 3).
          __resolveReference: (reference: Record<string, unknown>) => ({ ...reference }),
          identityCheck: (citizen: Record<string, unknown>) => checkIdentity(model, citizen),
        },
      } as never,
    },
  ]);
}
