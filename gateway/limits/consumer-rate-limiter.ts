import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './limits-config';

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Operations per consumer and window. An interface, so the in-memory limiter of one gateway can
 * become a shared one (Redis, issue 7) without the plugin changing.
 */
export interface ConsumerRateLimiter {
  consume(consumer: string): Promise<RateDecision>;
}

/**
 * A ConsumerRateLimiter over any rate-limiter-flexible limiter (memory now; RateLimiterRedis
 * later). That library rejects with a RateLimiterRes when the consumer is over its budget and
 * with an Error when its store fails; a failing store lets the request through and is
 * reported: a rate limiter guards against abuse, and its own outage must not take the
 * gateway down with it.
 */
export function flexibleRateLimiter(limiter: { consume(key: string, points?: number): Promise<RateLimiterRes> }, onStoreError: (error: Error) => void = () => undefined): ConsumerRateLimiter {
  return {
    async consume(consumer) {
      try {
        const result = await limiter.consume(consumer, 1);
        return { allowed: true, remaining: result.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        onStoreError(rejection instanceof Error ? rejection : new Error(String(rejection)));
        return { allowed: true, remaining: 0 };
      }
    },
  };
}

/** The in-process limiter: one budget per consumer in this gateway's memory. */
export function memoryRateLimiter(config: RateLimitConfig): ConsumerRateLimiter {
  return flexibleRateLimiter(new RateLimiterMemory({ keyPrefix: 'satu-operations', points: config.requests, duration: config.windowSeconds }));
}
