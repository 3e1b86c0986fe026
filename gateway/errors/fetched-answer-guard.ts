import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, buildASTSchema, isEnumType, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { ERROR_CATALOGUE, type AgencyFailureCode } from '../../subgraphs/kit/errors';
import { partialAnswer } from '../datasource/partial-answer';
import { IN_PROCESS_URL_PREFIX } from '../reload/verify-subgraphs';
import { SchemaIndex, compileFetchShape, type FetchShape, type ScalarCheck } from './fetch-shape';
import { FetchedValueCheck, SATU_SCALAR_CHECKS, pathKey, type TypeViolation } from './fetched-value-check';

/** The response type the gateway expects from a data source (from its own interface). */
type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type SubgraphError = NonNullable<GatewayResponse['errors']>[number];

export interface FetchedAnswerGuardOptions {
  logger: Logger;
  /** Checks for custom scalars by name. @default SATU_SCALAR_CHECKS (NIK, Date, DateTime) */
  scalarChecks?: Readonly<Record<string, ScalarCheck>>;
  /** More wrong values than this in one answer fail the whole fetch (its fields null, one error each). @default 50 */
  maxViolations?: number;
  /** Errors kept from one subgraph answer; the rest are logged as a count. @default 100 */
  maxErrors?: number;
}

/** Subgraph error text longer than this is cut before it travels on (it only ever reaches the log). */
const MAX_ERROR_MESSAGE = 2000;
const SHAPE_CACHE_LIMIT = 2000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResponsePath(value: unknown): value is Array<string | number> {
  return Array.isArray(value) && value.every((element) => typeof element === 'string' || Number.isInteger(element));
}

/**
 * What the gateway may take from one error of a subgraph: a message (cut), a well-formed path,
 * and extensions without `http`. Apollo Server obeys `extensions.http` on any error it formats,
 * so a subgraph sending `{ http: { status: 418 } }` would otherwise set the status of the
 * gateway's whole answer. What the client finally reads is client-error-formatter.ts's business.
 */
function sanitizedError(raw: unknown): SubgraphError {
  if (!isPlainObject(raw)) return { message: 'the subgraph sent a malformed error entry', extensions: { code: 'AGENCY_BAD_RESPONSE' } };
  const message = typeof raw.message === 'string' ? raw.message.slice(0, MAX_ERROR_MESSAGE) : 'the subgraph sent an error without a message';
  let extensions: Record<string, unknown> | undefined;
  if (isPlainObject(raw.extensions)) {
    const { http: _http, ...rest } = raw.extensions;
    extensions = rest;
  }
  return { message, ...(isResponsePath(raw.path) ? { path: raw.path } : {}), ...(extensions ? { extensions } : {}) } as SubgraphError;
}

const AGENCY_FAILURE_CODES: ReadonlySet<unknown> = new Set<AgencyFailureCode>(['AGENCY_UNAVAILABLE', 'AGENCY_TIMEOUT', 'AGENCY_BAD_RESPONSE']);

/** The agency failure a subgraph reported for a failed fetch (its first AGENCY_* code), else AGENCY_BAD_RESPONSE. */
function agencyFailureCodeOf(errors: readonly SubgraphError[]): AgencyFailureCode {
  const code = errors.map((error) => error.extensions?.code).find((candidate) => AGENCY_FAILURE_CODES.has(candidate));
  return (code as AgencyFailureCode | undefined) ?? 'AGENCY_BAD_RESPONSE';
}

/** The subgraphs a supergraph serves in-process (our own code): `@join__graph(url: "in-process://...")`. */
function inProcessServicesOf(schema: GraphQLSchema): Set<string> {
  const graphs = schema.getType('join__Graph');
  const names = new Set<string>();
  if (!graphs || !isEnumType(graphs)) return names;
  for (const value of graphs.getValues()) {
    const directive = value.astNode?.directives?.find((candidate) => candidate.name.value === 'join__graph');
    const argument = (name: string) => directive?.arguments?.find((candidate) => candidate.name.value === name)?.value;
    const name = argument('name');
    const url = argument('url');
    if (name?.kind === Kind.STRING && url?.kind === Kind.STRING && url.value.startsWith(IN_PROCESS_URL_PREFIX)) names.add(name.value);
  }
  return names;
}

/**
 * Checks every answer an agency's subgraph gives the gateway before the gateway reads it
 * (issue 6, item 8): the envelope (data an object, errors a list of objects, `_entities` one
 * item per representation), every value against its type in the supergraph, and the errors
 * (see sanitizedError). A wrong value becomes null with an AGENCY_BAD_RESPONSE error at its
 * path; a broken envelope, or more than `maxViolations` wrong values, fails the fetch as a
 * partial answer (its fields null, a coded error at each), as an unreachable agency would.
 * The supergraph's types are used (not the subgraph's): composition makes a supergraph field
 * non-null only when every subgraph's is, so the check never refuses what a subgraph may send.
 */
export class FetchedAnswerGuard {
  private index: SchemaIndex | undefined;
  private ownServices = new Set<string>();
  private readonly shapes = new Map<string, FetchShape>();
  private readonly scalarChecks: Readonly<Record<string, ScalarCheck>>;
  private readonly maxViolations: number;
  private readonly maxErrors: number;

  constructor(private readonly options: FetchedAnswerGuardOptions) {
    this.scalarChecks = options.scalarChecks ?? SATU_SCALAR_CHECKS;
    this.maxViolations = options.maxViolations ?? 50;
    this.maxErrors = options.maxErrors ?? 100;
  }

  /** Follows the supergraph being served (call from `gateway.onSchemaLoadOrUpdate`). */
  adopt(coreSupergraphSdl: string): void {
    const schema = buildASTSchema(parse(coreSupergraphSdl), { assumeValidSDL: true });
    this.index = new SchemaIndex(schema, this.scalarChecks);
    this.ownServices = inProcessServicesOf(schema);
    this.shapes.clear();
  }

  /** True for a subgraph the supergraph serves in-process: our own code, not an agency. */
  isOwnService(name: string): boolean {
    return this.ownServices.has(name);
  }

  /** `source` with every answer to an incoming operation checked; for agency subgraphs (not in-process ones). */
  guard(agency: string, source: GraphQLDataSource): GraphQLDataSource {
    return {
      process: async (processOptions: GraphQLDataSourceProcessOptions) => {
        const response = await source.process(processOptions);
        // Only fetches of an incoming operation (not health checks) carry a plan's document.
        if (!('incomingRequestContext' in processOptions)) return response;
        const { request } = processOptions;
        return this.check(agency, response, request.query ?? '', request.variables, processOptions.document);
      },
    };
  }

  /** Checks one answer to the fetch `query`; returns the answer to hand the gateway (the same object, corrected, or a partial answer). */
  check(agency: string, response: unknown, query: string, variables: Record<string, unknown> | undefined, document?: DocumentNode): GatewayResponse {
    const failed = (reason: string, code: AgencyFailureCode = 'AGENCY_BAD_RESPONSE', original?: unknown): GatewayResponse => {
      this.options.logger.warn({ agency, code, reason, ...(original ? { original } : {}) }, 'agency answer replaced by a partial answer');
      return partialAnswer(query, variables, agency, code) as GatewayResponse;
    };
    if (!isPlainObject(response)) return failed('the answer is not a JSON object');
    const { data } = response;
    if (response.errors !== undefined && !Array.isArray(response.errors)) return failed('"errors" is not a list');
    if (data !== undefined && data !== null && !isPlainObject(data)) return failed('"data" is not an object');
    const rawErrors = (response.errors as unknown[] | undefined) ?? [];
    if (rawErrors.length > this.maxErrors) this.options.logger.warn({ agency, errors: rawErrors.length, kept: this.maxErrors }, 'agency sent too many errors; the rest are dropped');
    const errors = rawErrors.slice(0, this.maxErrors).map(sanitizedError);
    const answer: GatewayResponse = { ...(data !== undefined ? { data: data as Record<string, unknown> | null } : {}), ...(rawErrors.length > 0 ? { errors } : {}) };
    if (!this.index) return answer;

    const shape = this.shapeOf(query, document);
    if (shape.entitiesKey !== null) {
      const entities = isPlainObject(data) ? data[shape.entitiesKey] : undefined;
      if (entities === null || entities === undefined) {
        // The subgraph failed the whole entity fetch. ApolloGateway would answer that with one
        // pathless internal error and skip every @requires step after it; a partial answer nulls
        // just this agency's fields, each with the agency's code, and lets the crosscheck run.
        return failed('no "_entities" in the answer', agencyFailureCodeOf(errors), errors.length > 0 ? errors : undefined);
      }
      if (!Array.isArray(entities)) return failed('"_entities" is not a list');
      const representations = Array.isArray(variables?.representations) ? (variables.representations as unknown[]) : null;
      if (representations && entities.length !== representations.length) return failed(`"_entities" has ${entities.length} items for ${representations.length} representations`);
    }
    if (!isPlainObject(data)) return answer;

    const reported = new Set(errors.filter((error) => error.path).map((error) => pathKey(error.path!)));
    const check = new FetchedValueCheck(this.index, reported, this.maxViolations);
    if (shape.entitiesKey !== null) {
      const entities = data[shape.entitiesKey] as unknown[];
      const representations = variables?.representations as unknown[] | undefined;
      for (let index = 0; index < entities.length && !check.overflow; index += 1) {
        const representationType = (representations?.[index] as { __typename?: unknown } | undefined)?.__typename;
        entities[index] = check.checkEntity(entities[index], index, shape.entitiesKey, shape, typeof representationType === 'string' ? representationType : null);
      }
    } else {
      check.checkRoot(data, shape);
    }
    if (check.overflow) return failed(`more than ${this.maxViolations} values of the wrong type`);
    if (check.violations.length === 0) return answer;
    this.report(agency, check.violations);
    const message = `${agency}: ${ERROR_CATALOGUE.AGENCY_BAD_RESPONSE}`;
    return {
      ...answer,
      errors: [...errors, ...check.violations.map((violation) => ({ message, path: [...violation.path], extensions: { code: 'AGENCY_BAD_RESPONSE', agency } }) as SubgraphError)],
    };
  }

  private report(agency: string, violations: readonly TypeViolation[]): void {
    // Paths, expected types and JSON kinds only: the values themselves may be personal data.
    this.options.logger.warn({ agency, code: 'AGENCY_BAD_RESPONSE', count: violations.length, violations: violations.slice(0, 10) }, 'agency answered values of the wrong type; they are null with an error at their path');
  }

  private shapeOf(query: string, document: DocumentNode | undefined): FetchShape {
    const cached = this.shapes.get(query);
    if (cached) return cached;
    const shape = compileFetchShape(this.index!, document ?? parse(query));
    if (this.shapes.size >= SHAPE_CACHE_LIMIT) this.shapes.clear();
    this.shapes.set(query, shape);
    return shape;
  }
}
