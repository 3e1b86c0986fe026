import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { agencyFanOutFromSupergraph, type AgencyFanOut } from './agency-fan-out';
import type { OperationLimits } from './limits-config';
import { exceededLimit } from './operation-limits';
import { measureOperation } from './operation-measure';
import { queryTooComplex } from './query-too-complex';
import { countTokens, tokenLimitLocation } from './token-limit';

export interface LimitsPluginOptions extends OperationLimits {
  /**
   * Which agencies each field reaches.
   * @default read from the supergraph the gateway loads, and again whenever it changes
   */
  fanOut?: () => AgencyFanOut | undefined;
}

const NO_FAN_OUT: AgencyFanOut = { owners: () => [], requiredAgencies: () => [] };

/** How far past the limit a refused text is counted for the message: enough to say "12 345", bounded for hostile bodies. */
const TOKEN_COUNT_FACTOR = 10;

function withoutHttp(error: ReturnType<typeof queryTooComplex>): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return { message: error.message, extensions };
}

/**
 * Refuses operations that are too large before planning and before any agency is asked
 * (issue 6, item 4): depth, aliases, directives, root fields, list arguments (variables
 * included) and the estimated cost with its agency fan-out, in `didResolveOperation`; the
 * token limit is the parser's (pass `limitsParseOptions(config)` as Apollo's `parseOptions`),
 * and this plugin turns its syntax error into QUERY_TOO_COMPLEX.
 */
export function limitsPlugin<TContext extends BaseContext>(options: LimitsPluginOptions): ApolloServerPlugin<TContext> {
  let tracked: { sdl: string; fanOut: AgencyFanOut } | undefined;
  const fanOut = options.fanOut ?? (() => tracked?.fanOut);
  return {
    async serverWillStart() {
      if (options.fanOut) return;
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl && tracked?.sdl !== coreSupergraphSdl) tracked = { sdl: coreSupergraphSdl, fanOut: agencyFanOutFromSupergraph(coreSupergraphSdl) };
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const measures = measureOperation({ schema, document, operationName, variables: request.variables, fanOut: fanOut() ?? NO_FAN_OUT, assumedListSize: options.assumedListSize });
          const exceeded = measures && exceededLimit(measures, options);
          if (exceeded) throw exceeded;
        },
        async willSendResponse({ source, response }) {
          if (response.body.kind !== 'single' || !source) return;
          const parseError = response.body.singleResult.errors?.find((error) => error.extensions?.code === 'GRAPHQL_PARSE_FAILED');
          if (!parseError) return;
          // Recognized by where the parser stopped (the start of token max + 1), not by its
          // message, whose wording is not an API; a syntax error before that stays as it is.
          const stop = tokenLimitLocation(source, options.maxTokens);
          const at = parseError.locations?.[0];
          if (!stop || !at || stop.line !== at.line || stop.column !== at.column) return;
          const { count, capped } = countTokens(source, options.maxTokens * TOKEN_COUNT_FACTOR);
          response.body.singleResult = { errors: [withoutHttp(queryTooComplex('tokens', capped ? options.maxTokens * TOKEN_COUNT_FACTOR : count, options.maxTokens, undefined, capped))] };
          response.http.status = 400;
        },
      };
    },
  };
}
