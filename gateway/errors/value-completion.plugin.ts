import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

const VALUE_DROPPED = 'An agency answered a value of the wrong type here; it is null, and the rest of the answer stands.';

/**
 * ApolloGateway drops a value of the wrong type it meets while shaping the answer and reports it
 * only as `extensions.valueCompletion` (errors of code INVALID_GRAPHQL), and only when nothing
 * else failed. The fetched-answer guard catches such values first for agencies; this plugin is
 * the net behind it (an unguarded data source, an in-process subgraph): it removes that
 * extension, logs it, and adds an AGENCY_BAD_RESPONSE error at each path, so no null is silent.
 * Its errors are written here in their final form: formatError has run by willSendResponse.
 */
export function valueCompletionPlugin<TContext extends BaseContext>(options: { logger: Logger }): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const completion = result.extensions?.valueCompletion;
          if (completion === undefined) return;
          const { valueCompletion: _valueCompletion, ...otherExtensions } = result.extensions!;
          result.extensions = Object.keys(otherExtensions).length > 0 ? otherExtensions : undefined;
          const entries = Array.isArray(completion) ? (completion as Array<{ message?: unknown; path?: unknown }>) : [];
          options.logger.warn({ count: entries.length, completion: entries.slice(0, 10).map((entry) => ({ message: entry.message, path: entry.path })) }, 'the gateway dropped values while shaping the answer');
          const errors: GraphQLFormattedError[] = entries.map((entry) => ({
            message: VALUE_DROPPED,
            ...(Array.isArray(entry.path) ? { path: entry.path as Array<string | number> } : {}),
            extensions: { code: 'AGENCY_BAD_RESPONSE' },
          }));
          result.errors = [...(result.errors ?? []), ...errors];
        },
      };
    },
  };
}
