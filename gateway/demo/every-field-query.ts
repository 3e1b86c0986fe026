import {
  buildSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';

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

/** The top-level Citizen fields each subgraph contributes, read from the supergraph's join directives. */
export function citizenFieldsBySubgraph(supergraphSdl: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const citizenBlock = /type Citizen[^{]*\{([\s\S]*?)\n\}/.exec(supergraphSdl)?.[1] ?? '';
  const enumValues = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/^\s*(\w+) @join__graph\(name: "([^"]+)"/gm)) enumValues.set(match[1] ?? '', match[2] ?? '');
  for (const line of citizenBlock.split('\n')) {
    const name = /^\s*(\w+)/.exec(line)?.[1];
    const graph = /@join__field\(graph: (\w+)/.exec(line)?.[1];
    if (!name || !graph || name === 'nik') continue;
    const subgraph = enumValues.get(graph) ?? graph;
    fields.set(subgraph, [...(fields.get(subgraph) ?? []), name]);
  }
  return fields;
}
