import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { SafelistMode } from '../limits-config';
import { isOperationHash, operationHash, type SafelistStore } from './safelist.store';

export interface SafelistPluginOptions<TContext extends BaseContext> {
  store: SafelistStore;
  /** `required`: only registered operations run (production). `register`: clients may register (APQ, development). */
  mode: SafelistMode;
  /** Recorded as who registered an operation. */
  registrantOf?(contextValue: TContext): string | null;
}

/** Stands in for a refused request's query so Apollo reaches didResolveOperation, where the refusal is thrown. */
const REFUSED_PLACEHOLDER = 'query SatuRefusedPersistedOperation { __typename }';

type Verdict = { kind: 'run' } | { kind: 'register'; hash: string; query: string } | { kind: 'refuse'; error: GraphQLError };

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

function notFound(message: string, status: number): GraphQLError {
  // 200 for the APQ exchange, as Apollo answers it: clients then resend with the text.
  return new GraphQLError(message, {
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status, headers: new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]) } },
  });
}

function badPersistedQuery(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

async function decide(request: GraphQLRequest, store: SafelistStore, mode: SafelistMode): Promise<Verdict> {
  const persisted = request.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  if (persisted === undefined) {
    if (mode === 'register' || request.query === undefined) return { kind: 'run' };
    const hash = operationHash(request.query);
    if ((await store.get(hash)) !== undefined) return { kind: 'run' };
    return {
      kind: 'refuse',
      error: notFound(`This gateway runs only registered operations (production safelist), and this one (SHA-256 ${short(hash)}) is not registered. Register it with the frontend's persisted query manifest before deploying, then send it by hash.`, 403),
    };
  }
  if (persisted.version !== 1 || !isOperationHash(persisted.sha256Hash)) {
    return { kind: 'refuse', error: badPersistedQuery('extensions.persistedQuery must be { "version": 1, "sha256Hash": "<64 lower-case hex digits>" }') };
  }
  const hash = persisted.sha256Hash;
  if (request.query === undefined) {
    const query = await store.get(hash);
    if (query !== undefined) {
      request.query = query;
      return { kind: 'run' };
    }
    return {
      kind: 'refuse',
      error:
        mode === 'register'
          ? notFound(`Persisted operation ${short(hash)} is not registered yet. Send it again with its text in "query" to register it (development).`, 200)
          : notFound(`Persisted operation ${short(hash)} is not on this gateway's safelist; only operations registered ahead of time run here (production). Register the frontend's persisted query manifest.`, 200),
    };
  }
  if (operationHash(request.query) !== hash) return { kind: 'refuse', error: badPersistedQuery(`extensions.persistedQuery.sha256Hash ${short(hash)} is not the SHA-256 of the query text sent with it`) };
  if ((await store.get(hash)) !== undefined) return { kind: 'run' };
  if (mode === 'register') return { kind: 'register', hash, query: request.query };
  return {
    kind: 'refuse',
    error: notFound(`Operation ${short(hash)} is not on this gateway's safelist, and registering operations by sending them is switched off in production. Register the frontend's persisted query manifest.`, 403),
  };
}

/**
 * Persisted operations by hash (issue 6, item 4). In production (`required`) only operations on
 * the safelist run, whether sent by hash or as text; in development (`register`) a client may
 * register an operation APQ-style by sending its text with its hash. This plugin is the only
 * APQ mechanism: it resolves the hash itself and removes the extension, so Apollo's own APQ
 * cache (which would accept any text) is never consulted. Requests made in-process by the
 * gateway itself (no HTTP request) are its own code, not a client's, and are not checked.
 */
export function safelistPlugin<TContext extends BaseContext>(options: SafelistPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      if (!request.http) return {};
      let verdict: Verdict;
      try {
        verdict = await decide(request, options.store, options.mode);
      } catch (error) {
        verdict = { kind: 'refuse', error: new GraphQLError(`The safelist could not be read; try again. (${(error as Error).message})`, { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 503 } } }) };
      }
      if (request.extensions?.persistedQuery !== undefined) {
        const { persistedQuery: _resolved, ...rest } = request.extensions;
        request.extensions = rest;
      }
      if (verdict.kind === 'refuse') {
        // Apollo answers errors thrown before parsing with a 500; refuse at the first clean point instead.
        request.query = REFUSED_PLACEHOLDER;
        request.operationName = undefined;
        request.variables = undefined;
      }
      return {
        async didResolveOperation() {
          if (verdict.kind === 'refuse') throw verdict.error;
          if (verdict.kind === 'register') await options.store.register(verdict.hash, verdict.query, options.registrantOf?.(contextValue) ?? null);
        },
      };
    },
  };
}
