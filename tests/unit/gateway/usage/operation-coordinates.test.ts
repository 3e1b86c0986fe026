import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationCoordinates } from '../../../../gateway/usage/operation-coordinates';

const schema = buildSchema(`
  enum Channel { KIOSK WEB }
  input Window { from: String  to: String }
  input HistoryFilter { windows: [Window!]  channel: Channel }
  interface Record { id: ID!  issuedBy: String }
  type Passport implements Record { id: ID!  issuedBy: String  number: String! }
  type Vehicle implements Record { id: ID!  issuedBy: String  plate: String! }
  union Document = Passport | Vehicle
  type Citizen { nik: String!  records(filter: HistoryFilter, limit: Int): [Record!]!  documents: [Document!]! }
  type Query { citizen(nik: String!): Citizen }
  type Mutation { renewPassport(nik: String!, channel: Channel = KIOSK): Passport }
`);

function coordinatesOf(query: string, operationName?: string): string[] {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition' && (operationName === undefined || definition.name?.value === operationName),
  )!;
  return operationCoordinates(schema, document, operation);
}

describe('the coordinates an operation reads', () => {
  it('names interface fields on the interface and concrete ones on their type, through aliases and inline fragments', () => {
    expect(
      coordinatesOf(`{ person: citizen(nik: "1") { records { id ... on Passport { number } ... { issuedBy } } documents { __typename ... on Vehicle { plate } } } }`),
    ).toEqual(['Citizen.documents', 'Citizen.records', 'Passport.number', 'Query.citizen', 'Query.citizen.nik', 'Record.id', 'Record.issuedBy', 'Vehicle.plate']);
  });

  it('names the input-object fields and enum values written in the document, inside lists too, but not what variables hold', () => {
    expect(coordinatesOf(`query($f: HistoryFilter) { a: citizen(nik: "1") { records(filter: { windows: [{ from: "2020" }], channel: WEB }) { id } } b: citizen(nik: "2") { records(filter: $f) { id } } }`)).toEqual([
      'Channel.WEB',
      'Citizen.records',
      'Citizen.records.filter',
      'HistoryFilter.channel',
      'HistoryFilter.windows',
      'Query.citizen',
      'Query.citizen.nik',
      'Record.id',
      'Window.from',
    ]);
  });

  it('leaves out directive arguments and introspection', () => {
    expect(coordinatesOf(`query($full: Boolean!) { __schema { queryType { name } } citizen(nik: "1") @include(if: $full) { nik @skip(if: false) } }`)).toEqual([
      'Citizen.nik',
      'Query.citizen',
      'Query.citizen.nik',
    ]);
  });

  it('reads mutations, arguments left to their default not included', () => {
    expect(coordinatesOf(`mutation { renewPassport(nik: "1") { number } }`)).toEqual(['Mutation.renewPassport', 'Mutation.renewPassport.nik', 'Passport.number']);
  });

  it('follows fragments only from the chosen operation, and ends on a fragment cycle', () => {
    const document = `query A { citizen(nik: "1") { ...Outer } } query B { citizen(nik: "2") { documents { __typename } } }
      fragment Outer on Citizen { nik ...Inner } fragment Inner on Citizen { records { id } ...Outer }`;
    expect(coordinatesOf(document, 'A')).toEqual(['Citizen.nik', 'Citizen.records', 'Query.citizen', 'Query.citizen.nik', 'Record.id']);
    expect(coordinatesOf(document, 'B')).toEqual(['Citizen.documents', 'Query.citizen', 'Query.citizen.nik']);
  });
});
