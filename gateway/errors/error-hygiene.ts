import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { clientErrorFormatter } from './client-error-formatter';
import type { ErrorHygieneConfig } from './error-config';
import { FetchedAnswerGuard, type FetchedAnswerGuardOptions } from './fetched-answer-guard';
import { valueCompletionPlugin } from './value-completion.plugin';

/** The Apollo Server options error hygiene decides; spread them into the gateway's ApolloServer config. */
export type ErrorHygieneApolloOptions = Required<Pick<ApolloServerOptions<BaseContext>, 'formatError' | 'includeStacktraceInErrorResponses' | 'hideSchemaDetailsFromClientErrors'>>;

export interface ErrorHygiene {
  /** `formatError`, stack traces (debug only) and Apollo's own suggestion switch (off outside development). */
  apolloOptions: ErrorHygieneApolloOptions;
  /** Turns values ApolloGateway dropped silently into errors; put it early in the plugin list. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** Follows the served supergraph (types for the check, which subgraphs are in-process). */
  adopt(coreSupergraphSdl: string): void;
  /** Wraps an agency's data source so every answer is checked before the gateway reads it. */
  guard(agency: string, source: GraphQLDataSource): GraphQLDataSource;
}

/**
 * Everything of issue 6 item 8 that the gateway wires, from one configuration: nothing from
 * inside an agency reaches a client (client-error-formatter.ts), a value of the wrong type is an
 * error at its path (fetched-answer-guard.ts, value-completion.plugin.ts), no stack traces unless
 * SATU_DEBUG_ERRORS in development, no "Did you mean" outside development.
 */
export function createErrorHygiene(config: ErrorHygieneConfig, options: { logger: Logger } & Omit<FetchedAnswerGuardOptions, 'logger'>): ErrorHygiene {
  const answers = new FetchedAnswerGuard(options);
  return {
    apolloOptions: {
      formatError: clientErrorFormatter({
        isOwnService: (name) => answers.isOwnService(name),
        fieldSuggestions: config.fieldSuggestions,
        debugErrors: config.debugErrors,
        logger: options.logger,
      }),
      includeStacktraceInErrorResponses: config.debugErrors,
      hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    },
    plugin: <TContext extends BaseContext>() => valueCompletionPlugin<TContext>({ logger: options.logger }),
    adopt: (coreSupergraphSdl) => answers.adopt(coreSupergraphSdl),
    guard: (agency, source) => answers.guard(agency, source),
  };
}
