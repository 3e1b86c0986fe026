import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type EnumTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { directiveArgument, fieldOwners, joinGraphNames } from '../../../schema/supergraph-ownership';
import { IDENTITY_ATTRIBUTES, type IdentityAttributeName } from '../../../subgraphs/kit/directives';

/** The subgraph that owns identityCheck; its own fields are never claims. */
export const CROSSCHECK_SUBGRAPH = 'crosscheck';

/** One agency's copy of an identity attribute, reached from Citizen in one step: `Citizen.passports[].holderName`. */
export interface IdentityClaimPath {
  agency: string;
  attribute: IdentityAttributeName;
  /** The Citizen field that holds the agency's record(s), e.g. "passports". */
  citizenField: string;
  /** Its type as written in the schema, e.g. "[Passport!]". */
  citizenFieldType: string;
  /** The record type, e.g. "Passport". */
  recordType: string;
  /** The claim field on the record, e.g. "holderName", and its type ("String"). */
  claimField: string;
  claimFieldType: string;
}

/** Where the civil registry's authoritative value of each attribute is (DESIGN.md section 3). */
export interface RegistryField {
  attribute: IdentityAttributeName;
  citizenField: string;
  citizenFieldType: string;
  /** For ADDRESS: the subfields read, with their types. */
  subfields?: ReadonlyArray<{ name: string; type: string }>;
  objectType?: string;
}

export const REGISTRY_AGENCY = 'dukcapil';

const REGISTRY_FIELD_BY_ATTRIBUTE: Record<IdentityAttributeName, string> = {
  FULL_NAME: 'fullName',
  BIRTH_DATE: 'birthDate',
  BIRTH_PLACE: 'birthPlace',
  SEX: 'sex',
  MOTHER_NAME: 'motherName',
  MARITAL_STATUS: 'maritalStatus',
  ADDRESS: 'address',
};
const ADDRESS_SUBFIELDS = ['street', 'rt', 'rw', 'village', 'district', 'regency'];

export interface IdentityModel {
  registry: readonly RegistryField[];
  claims: readonly IdentityClaimPath[];
  /** Enum definitions the claims and registry fields use (Sex, MaritalStatus), printed without join directives. */
  enums: ReadonlyMap<string, string>;
}

export class IdentityModelError extends Error {}

function directive(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((candidate) => candidate.name.value === name);
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function printEnum(definition: EnumTypeDefinitionNode): string {
  return `enum ${definition.name.value} { ${(definition.values ?? []).map((value) => value.name.value).join(' ')} }`;
}

/**
 * Reads, from a composed supergraph, every field tagged `@identityClaim` and how to reach it
 * from Citizen, plus where the registry's values are. This is what makes the crosscheck need
 * no code change when an agency joins: its requirements follow the tags.
 */
export function identityModelOf(supergraphSdl: string): IdentityModel {
  const document = parse(supergraphSdl);
  const graphs = joinGraphNames(document);
  const objects = new Map<string, ObjectTypeDefinitionNode>();
  const enums = new Map<string, EnumTypeDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objects.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) enums.set(definition.name.value, definition);
  }
  const citizen = objects.get('Citizen');
  if (!citizen) throw new IdentityModelError('the supergraph has no Citizen type');

  const usedEnums = new Map<string, string>();
  const noteEnum = (type: string): void => {
    const definition = enums.get(type);
    if (definition) usedEnums.set(type, printEnum(definition));
  };

  const registry: RegistryField[] = [];
  for (const attribute of IDENTITY_ATTRIBUTES) {
    const field = citizen.fields?.find((candidate) => candidate.name.value === REGISTRY_FIELD_BY_ATTRIBUTE[attribute]);
    if (!field || !fieldOwners(field, graphs, citizen).includes(REGISTRY_AGENCY)) continue;
    const type = namedType(field.type);
    noteEnum(type);
    if (attribute === 'ADDRESS') {
      const objectType = objects.get(type);
      const subfields = ADDRESS_SUBFIELDS.flatMap((name) => {
        const subfield = objectType?.fields?.find((candidate) => candidate.name.value === name);
        return subfield ? [{ name, type: print(subfield.type) }] : [];
      });
      registry.push({ attribute, citizenField: field.name.value, citizenFieldType: print(field.type), subfields, objectType: type });
    } else {
      registry.push({ attribute, citizenField: field.name.value, citizenFieldType: print(field.type) });
    }
  }

  const claims: IdentityClaimPath[] = [];
  for (const field of citizen.fields ?? []) {
    const owners = fieldOwners(field, graphs, citizen).filter((owner) => owner !== CROSSCHECK_SUBGRAPH);
    const recordType = objects.get(namedType(field.type));
    if (!recordType || owners.length !== 1) continue;
    for (const recordField of recordType.fields ?? []) {
      const attribute = directiveArgument(directive(recordField, 'identityClaim'), 'attribute');
      if (!attribute) continue;
      if (!(IDENTITY_ATTRIBUTES as readonly string[]).includes(attribute)) {
        throw new IdentityModelError(`${recordType.name.value}.${recordField.name.value}: unknown identity attribute ${attribute}`);
      }
      noteEnum(namedType(recordField.type));
      claims.push({
        agency: owners[0] ?? '',
        attribute: attribute as IdentityAttributeName,
        citizenField: field.name.value,
        citizenFieldType: print(field.type),
        recordType: recordType.name.value,
        claimField: recordField.name.value,
        claimFieldType: print(recordField.type),
      });
    }
  }
  return { registry, claims, enums: usedEnums };
}
