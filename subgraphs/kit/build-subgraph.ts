import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, Kind, buildASTSchema, parse, print, type GraphQLDirective } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { SATU_DIRECTIVE_NAMES, federationHeader, satuDefinitions } from './directives';

/**
 * Our directive definitions as GraphQLDirective objects, so type-graphql knows their
 * argument types and prints `category: HEALTH` (an enum) rather than a string.
 */
function satuDirectives(): GraphQLDirective[] {
  const definitions = buildASTSchema(parse(satuDefinitions()), { assumeValidSDL: true });
  return definitions.getDirectives().filter((directive) => SATU_DEFINITION_NAMES.has(directive.name));
}

/** A reference resolver: the gateway hands a representation (`{ __typename, nik, ...@requires }`). */
export type ReferenceResolver = (reference: Record<string, unknown>, context: unknown) => unknown;

export interface SubgraphDefinition {
  /** Subgraph name (DESIGN.md section 2), e.g. "imigrasi". */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** Entities reached only through field resolvers must be listed, or they vanish silently. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. Always return `{ ...reference, ...own }`. */
  referenceResolvers: Record<string, ReferenceResolver>;
}

export interface BuiltSubgraph {
  name: string;
  /** The executable Federation 2 subgraph schema. */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it (header + types + our directive definitions). */
  sdl: string;
}

/**
 * type-graphql classes -> Federation 2 subgraph, following STYLE.md's recipe:
 * type-graphql builds and prints (keeping `@key` and our directives), we prepend the shared
 * `@link` header, and @apollo/subgraph builds the executable schema from that SDL.
 */
export async function buildSatuSubgraph(definition: SubgraphDefinition): Promise<BuiltSubgraph> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    directives: satuDirectives(),
    skipCheck: true,
    validate: false,
  });
  const printed = withoutSatuDefinitions(stripFederationInternals(printSchemaWithDirectives(typeGraphqlSchema)));
  const sdl = `${federationHeader()}\n\n${printed.trim()}\n\n${satuDefinitions()}\n`;

  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(definition.referenceResolvers)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, __resolveReference: resolveReference } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  return { name: definition.name, schema, sdl };
}

/** type-graphql prints a `schema { ... }` block only for non-default root names; drop nothing else. */
function stripFederationInternals(sdl: string): string {
  return sdl.replace(/^schema \{[^}]*\}\s*/m, '');
}

const SATU_DEFINITION_NAMES = new Set([...SATU_DIRECTIVE_NAMES.map((name) => name.slice(1)), 'PersonalDataCategory', 'IdentityAttribute']);

/** type-graphql prints the directive and enum definitions we passed in; we append our own copy once. */
function withoutSatuDefinitions(sdl: string): string {
  const document = parse(sdl);
  const kept = document.definitions.filter(
    (definition) =>
      !(
        (definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION) &&
        SATU_DEFINITION_NAMES.has(definition.name.value)
      ),
  );
  return print({ ...document, definitions: kept });
}
