import { readFileSync } from 'node:fs';
import path from 'node:path';
import { accessPolicyFromSupergraph, SupergraphAccessPolicy } from '../../../../gateway/access-policy/access-policy';
import { composeSupergraph } from '../../../../schema/compose';
import { SUBGRAPH_SDLS } from './federated-fixture';

const fixtureSupergraph = composeSupergraph(Object.entries(SUBGRAPH_SDLS).map(([name, sdl]) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl }))).supergraphSdl;

describe('accessPolicyFromSupergraph', () => {
  const policy = accessPolicyFromSupergraph(fixtureSupergraph);

  test.each([
    ['Citizen', 'fullName', ['identity:read']],
    ['Citizen', 'healthInsurance', ['health:read']],
    ['Citizen', 'nik', []],
    ['Citizen', 'vehicles', []],
    ['Query', 'registryNote', ['audit:read']],
    // A tagged type guards the fields returning it and its own fields.
    ['Query', 'secret', ['secret:read']],
    ['Secret', 'code', ['secret:read']],
    // Through an interface: what the field needs on any type behind it.
    ['Document', 'number', ['identity:read']],
    ['IdCard', 'number', ['identity:read']],
    ['Licence', 'number', []],
    ['Document', 'id', []],
  ])('%s.%s needs %j', (type, field, scopes) => {
    expect(policy.requiredScopes(type, field)).toEqual(scopes);
  });

  test('lists every guarded coordinate', () => {
    expect([...policy.requirements.keys()].sort()).toEqual(
      ['Citizen.address', 'Citizen.birthPlace', 'Citizen.family', 'Citizen.fullName', 'Citizen.hasActiveHealthInsurance', 'Citizen.healthInsurance', 'Document.number', 'IdCard.number', 'Query.registryNote', 'Query.secret', 'Secret.code'],
    );
  });

  test('follows a renamed import of @access, and the namespaced name when it is not imported', () => {
    const renamed = `schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.satu.go.id/satu/v0.1", import: [{ name: "@access", as: "@guard" }]) { query: Query }
      type Query { a: String @guard(scopes: ["x:read"])  b: String @access(scopes: ["ignored"]) }`;
    expect(accessPolicyFromSupergraph(renamed).requiredScopes('Query', 'a')).toEqual(['x:read']);
    expect(accessPolicyFromSupergraph(renamed).requiredScopes('Query', 'b')).toEqual([]);
    const namespaced = `schema @link(url: "https://specs.satu.go.id/satu/v0.2") { query: Query }
      type Query { a: String @satu__access(scopes: ["y:read"]) }`;
    expect(accessPolicyFromSupergraph(namespaced).requiredScopes('Query', 'a')).toEqual(['y:read']);
  });

  test('SupergraphAccessPolicy rebuilds only when the SDL changes', () => {
    const tracker = new SupergraphAccessPolicy();
    expect(tracker.current()).toBeUndefined();
    const first = tracker.update(fixtureSupergraph);
    expect(tracker.update(fixtureSupergraph)).toBe(first);
    const other = tracker.update('type Query { a: String @access(scopes: ["z:read"]) }');
    expect(other).not.toBe(first);
    expect(tracker.current()!.requiredScopes('Query', 'a')).toEqual(['z:read']);
  });
});

describe('the agencies’ @access tags in schema/supergraph.graphql', () => {
  const policy = accessPolicyFromSupergraph(readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8'));

  test.each([
    ['Citizen.fullName', 'identity:read'],
    ['Citizen.familyCard', 'identity:read'],
    ['Citizen.address', 'identity:read'],
    ['Citizen.passports', 'passport:read'],
    ['Citizen.passportApplications', 'passport:read'],
    ['Citizen.drivingLicenses', 'police:read'],
    ['Citizen.policeClearance', 'police:read'],
    ['Citizen.vehicles', 'vehicle:read'],
    ['Citizen.healthInsurance', 'health:read'],
    ['Citizen.hasActiveHealthInsurance', 'health:read'],
    ['Citizen.employmentInsurance', 'employment:read'],
    ['Citizen.taxProfile', 'tax:read'],
    ['Citizen.landParcels', 'land:read'],
    ['Citizen.businesses', 'business:read'],
    ['Citizen.marriages', 'marriage:read'],
  ])('%s needs %s', (coordinate, scope) => {
    const [type, field] = coordinate.split('.') as [string, string];
    expect(policy.requiredScopes(type, field)).toEqual([scope]);
  });

  test('the key and the entry points stay open: a vehicle counter needs no identity scope to ask for vehicles', () => {
    expect(policy.requiredScopes('Citizen', 'nik')).toEqual([]);
    expect(policy.requiredScopes('Query', 'citizen')).toEqual([]);
    expect(policy.requiredScopes('Query', 'citizens')).toEqual([]);
  });
});
