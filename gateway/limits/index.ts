/** Query limits, introspection, rate limit and the persisted-operation safelist (issue 6, item 4); see README.md. */
export { LIMIT_DEFAULTS, readLimitsConfig, type LimitsConfig, type OperationLimits, type RateLimitConfig, type SafelistMode } from './limits-config';
export { agencyFanOutFromSupergraph, type AgencyFanOut } from './agency-fan-out';
export { measureOperation, type OperationMeasures } from './operation-measure';
export { exceededLimit } from './operation-limits';
export { countTokens, limitsParseOptions } from './token-limit';
export { limitsPlugin, type LimitsPluginOptions } from './limits.plugin';
export { asksIntrospection, introspectionPlugin, type IntrospectionPluginOptions } from './introspection.plugin';
export { flexibleRateLimiter, memoryRateLimiter, type ConsumerRateLimiter, type RateDecision } from './consumer-rate-limiter';
export { rateLimitPlugin, type RateLimitPluginOptions } from './rate-limit.plugin';
export { CachedSafelistStore, MemorySafelistStore, operationHash, SafelistError, type PersistedOperation, type SafelistStore } from './safelist/safelist.store';
export { KyselySafelistStore, openSafelistStore } from './safelist/safelist.kysely-store';
export { importPersistedQueryManifest } from './safelist/persisted-query-manifest';
export { safelistPlugin, type SafelistPluginOptions } from './safelist/safelist.plugin';
