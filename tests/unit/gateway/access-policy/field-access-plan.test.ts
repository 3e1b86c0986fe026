import { Supergraph } from '@apollo/federation-internals';
import { parse, print, validate, type DocumentNode } from 'graphql';
import { accessPolicyFromSupergraph } from '../../../../gateway/access-policy/access-policy';
import { PLACEHOLDER_ALIAS, planFieldAccess, TYPENAME_MARKER_ALIAS, type FieldAccessRequest } from '../../../../gateway/access-policy/field-access-plan';
import { patchResponse } from '../../../../gateway/access-policy/response-patch';
import { composeSupergraph } from '../../../../schema/compose';
import { SUBGRAPH_SDLS } from './federated-fixture';

const supergraphSdl = composeSupergraph(Object.entries(SUBGRAPH_SDLS).map(([name, sdl]) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl }))).supergraphSdl;
const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const policy = accessPolicyFromSupergraph(supergraphSdl);

function plan(query: string, scopes: string[], extra: Partial<FieldAccessRequest> = {}) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const result = planFieldAccess({ schema, policy, document, scopes: new Set(scopes), ...extra });
  // Whatever the rewrite, the result must still be a valid operation for the planner.
  expect(validate(schema, result.document)).toEqual([]);
  return result;
}

const printed = (document: DocumentNode): string => print(document).replace(/\s+/g, ' ').trim();
const paths = (result: ReturnType<typeof plan>): string[] => result.removed.map((field) => `${field.coordinate} @ ${field.path.map((step) => step.key + (step.onlyTypes ? `<${[...step.onlyTypes].join('|')}>` : '')).join('.')}`);

describe('planFieldAccess', () => {
  test('a caller holding every scope gets the very same document back', () => {
    const document = parse('{ citizen(nik: "1") { fullName healthInsurance { status } } }');
    const result = planFieldAccess({ schema, policy, document, scopes: new Set(['identity:read', 'health:read']) });
    expect(result.document).toBe(document);
    expect(result.removed).toEqual([]);
  });

  test('removes a forbidden field and keeps the rest', () => {
    const result = plan('{ citizen(nik: "1") { nik fullName healthInsurance { status } } }', ['identity:read']);
    expect(printed(result.document)).toBe('{ citizen(nik: "1") { nik fullName } }');
    expect(paths(result)).toEqual(['Citizen.healthInsurance @ citizen.healthInsurance']);
    expect(result.removed[0]!.missingScopes).toEqual(['health:read']);
  });

  test('through an alias: the path uses the alias', () => {
    const result = plan('{ c: citizen(nik: "1") { nik insurance: healthInsurance { status } } }', []);
    expect(printed(result.document)).toBe('{ c: citizen(nik: "1") { nik } }');
    expect(paths(result)).toEqual(['Citizen.healthInsurance @ c.insurance']);
  });

  test('through a named fragment spread at two places: the fragment is rewritten once, both paths listed', () => {
    const result = plan(
      `query { a: citizen(nik: "1") { ...Insured } b: citizen(nik: "2") { nik ...Insured } }
       fragment Insured on Citizen { hasActiveHealthInsurance healthInsurance { status } }`,
      [],
    );
    expect(printed(result.document)).toContain(`fragment Insured on Citizen { ${PLACEHOLDER_ALIAS}: __typename }`);
    expect(paths(result).sort()).toEqual([
      'Citizen.hasActiveHealthInsurance @ a.hasActiveHealthInsurance',
      'Citizen.hasActiveHealthInsurance @ b.hasActiveHealthInsurance',
      'Citizen.healthInsurance @ a.healthInsurance',
      'Citizen.healthInsurance @ b.healthInsurance',
    ]);
    expect(result.removedCoordinates).toEqual(['Citizen.hasActiveHealthInsurance', 'Citizen.healthInsurance']);
    expect(result.addedHelperFields).toBe(true);
  });

  test('an inline fragment on an interface: the field needs its scopes on every type behind the interface', () => {
    const result = plan('{ documents { id ... on Document { number } } }', []);
    expect(printed(result.document)).toBe(`{ documents { id ... on Document { ${PLACEHOLDER_ALIAS}: __typename } ${TYPENAME_MARKER_ALIAS}: __typename } }`);
    expect(paths(result)).toEqual(['Document.number @ documents.number']);
  });

  test('asking each concrete type separately releases the readable one and nulls only the other', () => {
    const result = plan('{ documents { id ... on IdCard { number } ... on Licence { number } } }', []);
    expect(paths(result)).toEqual(['IdCard.number @ documents.number<IdCard>']);
    const data = { documents: [{ id: 'd1', [TYPENAME_MARKER_ALIAS]: 'IdCard' }, { id: 'd2', number: 'SIM-2', [TYPENAME_MARKER_ALIAS]: 'Licence' }] };
    const patched = patchResponse(data, result);
    expect(patched.data).toEqual({ documents: [{ id: 'd1', number: null }, { id: 'd2', number: 'SIM-2' }] });
    expect(patched.errors.map((error) => error.path)).toEqual([['documents', 0, 'number']]);
  });

  test('a union member in a fragment', () => {
    const result = plan('{ search { ... on IdCard { number issuedIn } ... on Licence { licenceClass } } }', []);
    expect(paths(result)).toEqual(['IdCard.number @ search.number<IdCard>']);
  });

  test('a forbidden root field among others is removed; when all are, a placeholder keeps the operation valid', () => {
    expect(printed(plan('{ registryNote citizen(nik: "1") { nik } }', []).document)).toBe('{ citizen(nik: "1") { nik } }');
    const all = plan('{ registryNote secret { code } }', []);
    expect(printed(all.document)).toBe(`{ ${PLACEHOLDER_ALIAS}: __typename }`);
    expect(all.removedCoordinates).toEqual(['Query.registryNote', 'Query.secret']);
  });

  test('a type-level rule: the field returning the type is removed', () => {
    expect(paths(plan('{ secret { code } }', ['identity:read']))).toEqual(['Query.secret @ secret']);
    expect(plan('{ secret { code } }', ['secret:read']).removed).toEqual([]);
  });

  test('deep in a list: the path steps carry list shapes for null placement', () => {
    const result = plan('{ citizens(niks: ["1"]) { family { family { healthInsurance { status } } } } }', ['identity:read']);
    const removed = result.removed[0]!;
    expect(removed.path.map((step) => [step.key, step.listItemsNonNull, step.nonNull])).toEqual([
      ['citizens', [false], true],
      ['family', [true], true],
      ['family', [true], true],
      ['healthInsurance', [], false],
    ]);
  });

  test('a selection skipped by @skip/@include has no path (nothing would have been answered there)', () => {
    const result = plan('query($skip: Boolean!) { citizen(nik: "1") { nik healthInsurance @skip(if: $skip) { status } } }', [], { variables: { skip: true } });
    expect(result.removed).toEqual([]);
    expect(result.removedCoordinates).toEqual(['Citizen.healthInsurance']);
    // $skip was used only by the removed field: GraphQL forbids unused variables, so it goes too.
    expect(printed(result.document)).toBe('{ citizen(nik: "1") { nik } }');
  });

  test('the purpose filter removes what the purpose does not cover, and says so', () => {
    const result = plan('{ citizen(nik: "1") { nik fullName vehicles { plate } } }', ['identity:read'], {
      // As gateway/access/purpose.ts decides: root fields are entry points, never restricted by a purpose.
      purposeAllows: (coordinate) => coordinate.startsWith('Query.') || ['Citizen.nik', 'Citizen.vehicles', 'Vehicle.plate'].includes(coordinate),
    });
    expect(paths(result)).toEqual(['Citizen.fullName @ citizen.fullName']);
    expect(result.removed[0]).toMatchObject({ missingScopes: [], purposeRefused: true });
  });

  test('a purpose covers an interface field when it names it, or names it on every type behind the interface', () => {
    const everyType = (coordinate: string) => ['Query.documents', 'IdCard.number', 'Licence.number'].includes(coordinate);
    expect(plan('{ documents { number } }', ['identity:read'], { purposeAllows: everyType }).removed).toEqual([]);
    const theInterface = (coordinate: string) => ['Query.documents', 'Document.number'].includes(coordinate);
    expect(plan('{ documents { number } }', ['identity:read'], { purposeAllows: theInterface }).removed).toEqual([]);
    const oneType = (coordinate: string) => ['Query.documents', 'Licence.number'].includes(coordinate);
    expect(paths(plan('{ documents { number } }', ['identity:read'], { purposeAllows: oneType }))).toEqual(['Document.number @ documents.number']);
  });

  test('our helper aliases are refused in client operations', () => {
    expect(() => planFieldAccess({ schema, policy, document: parse(`{ citizen(nik: "1") { ${TYPENAME_MARKER_ALIAS}: nik } }`), scopes: new Set() })).toThrow(/alias "_satu_typename" is reserved/);
  });

  test('a fragment bomb with a forbidden field deep inside stops at the selection budget', () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1 ? `fragment F${level} on Citizen { healthInsurance { status } }` : `fragment F${level} on Citizen { ...F${level + 1} family { ...F${level + 1} } }`,
    ).join('\n');
    const document = parse(`{ citizen(nik: "1") { ...F0 } }\n${fragments}`);
    expect(() => planFieldAccess({ schema, policy, document, scopes: new Set(['identity:read']), maxVisitedSelections: 1000 })).toThrow(/expands \(through its fragments\) to more than 1000 selections/);
  });
});

describe('patchResponse', () => {
  test('a non-null forbidden field nulls its nearest nullable parent; one error per element, capped', () => {
    const niks = Array.from({ length: 25 }, (_, index) => String(index));
    const result = plan(`{ citizens(niks: ${JSON.stringify(niks)}) { nik fullName } }`, []);
    const data = { citizens: niks.map((nik) => ({ nik })) };
    const patched = patchResponse(data, result);
    expect(patched.data).toEqual({ citizens: niks.map(() => null) });
    expect(patched.errors).toHaveLength(21);
    expect(patched.errors.slice(0, 20).map((error) => error.path)).toEqual(niks.slice(0, 20).map((_, index) => ['citizens', index, 'fullName']));
    expect(patched.errors[20]).toMatchObject({ extensions: { code: 'FORBIDDEN', coordinate: 'Citizen.fullName', omittedPaths: 5 } });
    expect(patched.errors[20]!.path).toBeUndefined();
  });

  test('a removed non-null root field nulls the whole data, as GraphQL execution would', () => {
    const result = plan('{ citizens(niks: ["1"]) { nik } registryNote }', []);
    expect(patchResponse({ citizens: [{ nik: '1' }] }, result).data).toEqual({ citizens: [{ nik: '1' }], registryNote: null });
    const nonNullRoot = plan('{ documents { id number } }', []);
    // documents is [Document!]!: number is nullable, so only it is null.
    expect(patchResponse({ documents: [{ id: 'd1' }] }, nonNullRoot).data).toEqual({ documents: [{ id: 'd1', number: null }] });
  });

  test('a null parent holds no field: one error without a path says the field was withheld', () => {
    const result = plan('{ citizen(nik: "404") { nik healthInsurance { status } } }', []);
    const patched = patchResponse({ citizen: null }, result);
    expect(patched.data).toEqual({ citizen: null });
    expect(patched.errors).toHaveLength(1);
    expect(patched.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', coordinate: 'Citizen.healthInsurance', missingScopes: ['health:read'] } });
    expect(patched.errors[0]!.path).toBeUndefined();
    expect(patched.errors[0]!.message).toMatch(/Citizen\.healthInsurance is not available to this caller: it needs the scope "health:read"/);
  });

  test('helper fields never reach the client', () => {
    const result = plan('{ citizen(nik: "1") { healthInsurance { status } } }', []);
    const patched = patchResponse({ citizen: { [PLACEHOLDER_ALIAS]: 'Citizen' } }, result);
    expect(patched.data).toEqual({ citizen: { healthInsurance: null } });
  });
});
