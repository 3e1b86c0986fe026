import type { ApolloServerPlugin, BaseContext, GraphQLRequest, GraphQLRequestContextExecutionDidStart, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from 'pino';
import type { UsageEntry } from '../registry/registry.store';
import { ANONYMOUS_CLIENT, cleanClientName, clientFromHeaders } from '../usage/client-name';
import { DEFAULT_COORDINATE_CACHE_SIZE, OperationCoordinatesCache } from '../usage/operation-coordinates-cache';
import { executionsIn, UsageCounter, usageEntriesOf } from '../usage/usage-counter';

/** Where the counts go: the registry store (`RegistryStore.recordUsage`), one transaction per call. */
export interface UsageSink {
  recordUsage(entries: readonly UsageEntry[]): Promise<void>;
}

export interface OperationUsagePluginOptions<TContext extends BaseContext> {
  /** Receives the counts at every flush. */
  sink: UsageSink;
  logger: Logger;
  /** How often counts are written, in ms (at most an hour). @default 5000 */
  flushIntervalMs?: number;
  /**
   * The client an operation is counted for.
   * @default the `x-satu-client` header, else `apollographql-client-name`, else "anonymous"
   */
  clientOf?(request: GraphQLRequest, context: TContext): string;
  /** Documents (per schema and operation) whose coordinates are kept, least recently used out first. @default 1000 */
  coordinateCacheSize?: number;
  /** A coordinates cache shared with other plugins (the purpose check, the access ledger); default: its own. */
  coordinates?: OperationCoordinatesCache;
  /**
   * Distinct (operation, client) pairs held between flushes, and kept while the sink fails; past
   * this, executions of new pairs are dropped (and logged) rather than grow memory. @default 10000
   */
  maxPendingOperations?: number;
}

export interface OperationUsagePlugin<TContext extends BaseContext> extends ApolloServerPlugin<TContext> {
  /** Writes what was counted now (the interval and server stop call it); never rejects: a failed write is logged and kept. */
  flush(): Promise<void>;
}

export const DEFAULT_USAGE_FLUSH_INTERVAL_MS = 5000;
const DEFAULT_MAX_PENDING_OPERATIONS = 10_000;

/** An hour: counts wait in memory until the flush, and Node's timers cannot go past 24.8 days anyway. */
const MAX_FLUSH_INTERVAL_MS = 3_600_000;

function positiveInteger(value: number, option: string, max?: number): number {
  if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
    const range = max === undefined ? 'above 0' : `from 1 to ${max}`;
    throw new RangeError(`operationUsagePlugin: ${option} must be a whole number ${range}, not ${value}`);
  }
  return value;
}

/**
 * Records which schema coordinates every executed operation reads, for whom, so the registry's
 * check can tell a breaking change nobody uses from one a frontend relies on (issue 5, item 2).
 * The request path pays a cache lookup and a counter increment: coordinates are computed once per
 * (schema, document, operation) against the API schema in force for the request, so they follow
 * supergraph reloads; counts are written in batches. Operations that fail to parse or validate, or
 * that a plugin refuses before execution, never reach `executionDidStart` and are not counted.
 */
export function operationUsagePlugin<TContext extends BaseContext = BaseContext>(options: OperationUsagePluginOptions<TContext>): OperationUsagePlugin<TContext> {
  const { sink, logger } = options;
  const flushIntervalMs = positiveInteger(options.flushIntervalMs ?? DEFAULT_USAGE_FLUSH_INTERVAL_MS, 'flushIntervalMs', MAX_FLUSH_INTERVAL_MS);
  const maxPending = positiveInteger(options.maxPendingOperations ?? DEFAULT_MAX_PENDING_OPERATIONS, 'maxPendingOperations');
  const clientOf = options.clientOf ?? clientFromHeaders;
  const coordinatesOf = options.coordinates ?? new OperationCoordinatesCache(positiveInteger(options.coordinateCacheSize ?? DEFAULT_COORDINATE_CACHE_SIZE, 'coordinateCacheSize'));
  const counter = new UsageCounter(maxPending);
  let writing: Promise<void> | undefined;

  function record(requestContext: GraphQLRequestContextExecutionDidStart<TContext>): void {
    const { queryHash } = requestContext;
    const cacheKey = coordinatesOf.keyOf(requestContext);
    const coordinates = coordinatesOf.of(requestContext);
    // Introspection only: it reads no agency's field.
    if (coordinates.length === 0) return;
    const client = cleanClientName(clientOf(requestContext.request, requestContext.contextValue)) ?? ANONYMOUS_CLIENT;
    counter.count(`${cacheKey}\u0000${client}`, { operationHash: queryHash, client, coordinates });
  }

  async function writeBatch(): Promise<void> {
    const dropped = counter.takeDropped();
    if (dropped > 0) logger.warn({ dropped, maxPendingOperations: maxPending }, 'operation usage: too many distinct operations and clients waiting; some executions were not counted');
    const batch = counter.drain();
    if (batch.size === 0) return;
    try {
      await sink.recordUsage(usageEntriesOf(batch));
    } catch (error) {
      counter.restore(batch);
      logger.error({ err: error, operations: batch.size, executions: executionsIn(batch) }, 'operation usage could not be written; the counts are kept for the next flush');
    }
  }

  /** One write at a time: a flush that arrives during a write waits for it, then writes what is left. */
  async function flush(): Promise<void> {
    while (writing) await writing;
    writing = writeBatch().finally(() => {
      writing = undefined;
    });
    await writing;
  }

  // Stateless, so one listener serves every request.
  const listener: GraphQLRequestListener<TContext> = {
    async executionDidStart(requestContext) {
      try {
        record(requestContext);
      } catch (error) {
        // Usage is bookkeeping: it must never cost the client its answer.
        logger.warn({ err: error, operationName: requestContext.operationName }, 'operation usage: could not count an operation');
      }
    },
  };

  return {
    flush,
    async requestDidStart() {
      return listener;
    },
    async serverWillStart() {
      const timer = setInterval(() => {
        // A slow database must not pile up writes: skip the tick, the next one takes everything.
        if (!writing) void flush();
      }, flushIntervalMs);
      timer.unref();
      return {
        // After drainServer: the requests that were in flight have been counted.
        async serverWillStop() {
          clearInterval(timer);
          await flush();
          if (counter.size > 0) logger.error({ operations: counter.size }, 'operation usage: the last counts could not be written before the gateway stopped and are lost');
        },
      };
    },
  };
}
