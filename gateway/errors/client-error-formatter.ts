import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { currentRequestId } from '../../subgraphs/kit/request-scope';
import { INTERNAL_SERVER_ERROR, agencyCodeFor, agencyMessage, internalErrorMessage, isClientCode } from './client-codes';
import { scrubClientText } from './client-text';

/**
 * Extensions a client never reads from an error we keep: `serviceName` names an internal
 * service, `stacktrace` and `exception` are the server's insides (Apollo adds `stacktrace` only
 * in debug mode; a subgraph may send its own), `http` steers the status and is Apollo's business.
 */
const INTERNAL_EXTENSIONS = new Set(['serviceName', 'stacktrace', 'exception', 'http', 'debug']);

export interface ClientErrorFormatterOptions {
  /**
   * Subgraphs that are our own code running in the gateway process (crosscheck, lineage, audit):
   * their errors keep their message like the gateway's own. Every other subgraph is an agency.
   */
  isOwnService: (serviceName: string) => boolean;
  /** Keep "Did you mean ...?" suggestions (development only). */
  fieldSuggestions: boolean;
  /** Add `extensions.debug` with the hidden original (development only, SATU_DEBUG_ERRORS). */
  debugErrors: boolean;
  logger: Logger;
}

/** Where an error came from, which decides what of it a client may read. */
type Origin = { kind: 'agency'; agency: string } | { kind: 'own' };

function originOf(formatted: GraphQLFormattedError, isOwnService: (name: string) => boolean): Origin {
  // ApolloGateway tags every error it got from a subgraph with `serviceName` (overwriting any the
  // subgraph sent), and nothing else in the gateway sets it: it tells agency text from ours.
  const serviceName = formatted.extensions?.serviceName;
  if (typeof serviceName === 'string' && !isOwnService(serviceName)) return { kind: 'agency', agency: serviceName };
  return { kind: 'own' };
}

function withoutInternalExtensions(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions)) if (!INTERNAL_EXTENSIONS.has(key)) kept[key] = value;
  return kept;
}

function stackOf(error: unknown): string | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof Error && original.stack) return original.stack;
  return error instanceof Error ? error.stack : undefined;
}

/**
 * Apollo Server's `formatError` for the gateway (issue 6, item 8): nothing from inside an agency
 * reaches a client. Three kinds of errors:
 * - from an agency's subgraph (`serviceName`, not one of ours): the client gets the catalogue's
 *   generic sentence for the code, `code`, `agency` (the subgraph's name, not whatever the
 *   subgraph claimed) and the path; text, URLs, stacks and other extensions go to the log only;
 * - raised by our own code (plugins, in-process subgraphs) or by GraphQL about the client's own
 *   request, with a catalogued code: kept, minus internal extensions, message scrubbed
 *   (NIK-like runs masked, addresses removed, suggestions outside development);
 * - anything else (no code, an unknown code, INTERNAL_SERVER_ERROR, a library's assertion that may
 *   quote agency data): "internal error (request id X)"; the original goes to the log.
 * The log masks NIKs on every line (subgraphs/kit/logger.ts), so originals are logged as they are.
 */
export function clientErrorFormatter(options: ClientErrorFormatterOptions): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const textOptions = { suggestions: options.fieldSuggestions };

  function debugOf(formatted: GraphQLFormattedError, error: unknown): Record<string, unknown> {
    if (!options.debugErrors) return {};
    const stack = stackOf(error);
    return { debug: { originalMessage: scrubClientText(formatted.message, { suggestions: true }), originalExtensions: formatted.extensions, ...(stack ? { stacktrace: stack.split('\n') } : {}) } };
  }

  function located(formatted: GraphQLFormattedError): Pick<GraphQLFormattedError, 'path' | 'locations'> {
    return { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  }

  return (formatted, error) => {
    const code = formatted.extensions?.code;
    const origin = originOf(formatted, options.isOwnService);
    const requestId = currentRequestId();

    if (origin.kind === 'agency') {
      const clientCode = agencyCodeFor(code);
      const message = agencyMessage(clientCode, origin.agency);
      const extraKeys = Object.keys(formatted.extensions ?? {}).filter((key) => key !== 'code' && key !== 'agency' && key !== 'serviceName');
      // Our own partial answers already read this way; log only what is really hidden.
      if (formatted.message !== message || extraKeys.length > 0 || code !== clientCode) {
        options.logger.warn({ agency: origin.agency, code: clientCode, path: formatted.path, original: { message: formatted.message, extensions: formatted.extensions } }, 'agency error hidden from the client');
      }
      // Locations of a subgraph error point into the gateway's fetch, not the client's operation.
      return { message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: clientCode, agency: origin.agency, ...debugOf(formatted, error) } };
    }

    if (isClientCode(code)) {
      return {
        message: scrubClientText(formatted.message, textOptions),
        ...located(formatted),
        extensions: { ...withoutInternalExtensions(formatted.extensions ?? {}), code, ...debugOf(formatted, error) },
      };
    }

    options.logger.error({ code, path: formatted.path, original: { message: formatted.message, extensions: formatted.extensions }, stack: stackOf(error) }, 'internal error hidden from the client');
    return { message: internalErrorMessage(requestId), ...located(formatted), extensions: { code: INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}), ...debugOf(formatted, error) } };
  };
}
