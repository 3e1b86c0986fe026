import {
  Kind,
  parse,
  buildSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { fieldOwners, joinGraphNames } from '../../schema/supergraph-ownership';

/**
 * A selection of every field of a type, built from the client-facing schema: leaves as
 * they are, objects down to `depth` levels, and any nested `Citizen` as `{ nik }` (a
 * reference, not a walk through the family graph). Fields with required arguments are left
 * out. Used to ask one citizen for the data of every agency, however many there are.
 */
function selectionOf(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    if (field.args.some((argument) => argument.type.toString().endsWith('!'))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && named.name === 'Citizen') parts.push(`${field.name} { nik }`);
    else if (isObjectType(named) && depth > 0) {
      const inner = selectionOf(named, depth - 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** `query EveryAgency($nik: NIK!) { citizen(nik: $nik) { ...every field... } }` for an API schema. */
export function everyFieldCitizenQuery(apiSdl: string, root: 'citizen' | 'familyCard' = 'citizen'): string {
  const schema = buildSchema(apiSdl);
  const citizen = schema.getType('Citizen');
  if (!isObjectType(citizen)) throw new Error('the schema has no Citizen type');
  const everything = selectionOf(citizen, 2);
  if (root === 'familyCard') {
    return `query EveryAgencyForAFamily($nik: NIK!) { citizen(nik: $nik) { nik familyCard { number members { ${everything} } } } }`;
  }
  return `query EveryAgency($nik: NIK!) { citizen(nik: $nik) { ${everything} } }`;
}

/** The top-level Citizen fields each subgraph resolves (not those it only `@requires`), from the supergraph's join directives. */
export function citizenFieldsBySubgraph(supergraphSdl: string): Map<string, string[]> {
  const document = parse(supergraphSdl);
  const graphs = joinGraphNames(document);
  const citizen = document.definitions.find((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Citizen');
  const fields = new Map<string, string[]>();
  if (!citizen || citizen.kind !== Kind.OBJECT_TYPE_DEFINITION) return fields;
  for (const field of citizen.fields ?? []) {
    if (field.name.value === 'nik') continue;
    for (const owner of fieldOwners(field, graphs, citizen)) fields.set(owner, [...(fields.get(owner) ?? []), field.name.value]);
  }
  return fields;
}
