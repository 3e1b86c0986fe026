import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ConsumerRateLimiter, RateDecision } from './consumer-rate-limiter';

export interface RateLimitPluginOptions<TContext extends BaseContext> {
  limiter: ConsumerRateLimiter;
  /** The consumer a request counts against (the caller's client id); undefined = not limited here. */
  consumerOf(contextValue: TContext): string | undefined;
  /** Told when the limiter's store fails and a request goes through unmetered. */
  onLimiterError?(error: Error): void;
}

function rateLimited(consumer: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests from client "${consumer}": its rate limit is used up. Retry after ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * A rate limit per consumer (issue 6, item 4). Every request is counted as it starts, junk
 * included; the refusal comes at the first hook where Apollo answers a thrown error cleanly
 * (didResolveOperation: before planning and before any agency), with HTTP 429 and Retry-After.
 */
export function rateLimitPlugin<TContext extends BaseContext>(options: RateLimitPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const consumer = options.consumerOf(contextValue);
      if (consumer === undefined) return {};
      // Started now, awaited later: counting does not delay parsing and validation.
      const decision: Promise<RateDecision> = options.limiter.consume(consumer).catch((error: unknown) => {
        options.onLimiterError?.(error instanceof Error ? error : new Error(String(error)));
        return { allowed: true, remaining: 0 };
      });
      return {
        async didResolveOperation() {
          const outcome = await decision;
          if (!outcome.allowed) throw rateLimited(consumer, outcome.retryAfterSeconds);
        },
      };
    },
  };
}
