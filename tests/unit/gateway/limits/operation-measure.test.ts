import { Supergraph } from '@apollo/federation-internals';
import { getIntrospectionQuery, parse, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { everyFieldCitizenQuery } from '../../../../gateway/demo/every-field-query';
import { agencyFanOutFromSupergraph } from '../../../../gateway/limits/agency-fan-out';
import { LIMIT_DEFAULTS } from '../../../../gateway/limits/limits-config';
import { exceededLimit } from '../../../../gateway/limits/operation-limits';
import { measureOperation } from '../../../../gateway/limits/operation-measure';
import { countTokens } from '../../../../gateway/limits/token-limit';
import { CITIZEN_EXAMPLE_QUERY } from '../../../../gateway/web/example-query';
import { composeSupergraph } from '../../../../schema/compose';
import { SUBGRAPH_SDLS } from '../access-policy/federated-fixture';

const fixtureSdl = composeSupergraph(Object.entries(SUBGRAPH_SDLS).map(([name, sdl]) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl }))).supergraphSdl;
const fixture = { schema: Supergraph.build(fixtureSdl).apiSchema().toGraphQLJSSchema(), fanOut: agencyFanOutFromSupergraph(fixtureSdl) };

function measure(query: string, variables?: Record<string, unknown>, graph = fixture) {
  const result = measureOperation({ ...graph, document: parse(query), variables, assumedListSize: 5 });
  if (!result) throw new Error('no operation');
  return result;
}

describe('measureOperation', () => {
  test('depth counts nested fields; aliases, directives and root fields are counted through fragments, once per spread', () => {
    const result = measure(`query Q($yes: Boolean!) @deprecatedNoop {
      a: citizen(nik: "1") { ...Names }
      b: citizen(nik: "2") { ...Names family { nik } }
      registryNote @include(if: $yes)
    }
    fragment Names on Citizen { nik name: fullName ... on Citizen @skip(if: false) { birthPlace } }`.replace(' @deprecatedNoop', ''), { yes: true });
    expect(result).toMatchObject({ depth: 3, aliases: 2 + 2, directives: 1 + 2, rootFields: 3 });
  });

  test('a list argument is measured after variables are applied, a single value counting as a list of one', () => {
    expect(measure('query($niks: [String!]!) { citizens(niks: $niks) { nik } }', { niks: ['1', '2', '3'] }).longestList).toEqual({ coordinate: 'Query.citizens', argument: 'niks', length: 3 });
    expect(measure('query($niks: [String!]!) { citizens(niks: $niks) { nik } }', { niks: '1' }).longestList).toMatchObject({ length: 1 });
    expect(measure('{ citizens(niks: ["1", "2"]) { nik } }').longestList).toMatchObject({ length: 2 });
  });

  test('the cost counts each agency a selection reaches, times the objects it is asked for', () => {
    const niks = Array.from({ length: 10 }, (_, index) => String(index));
    // root: the registry once; per citizen: registry (fullName), health, vehicles = 3 agencies;
    // below each citizen: healthInsurance (one object, health) and vehicles (assumed 5, vehicles).
    expect(measure('query($niks: [String!]!) { citizens(niks: $niks) { fullName healthInsurance { status } vehicles { plate } } }', { niks }).cost).toBe(1 + 10 * 3 + 10 * 1 + 10 * 5 * 1);
    // The key is resolvable by every subgraph: it adds no agency of its own.
    expect(measure('{ citizen(nik: "1") { nik vehicles { plate } } }').cost).toBe(1 + 1 + 5);
  });

  test('a fragment bomb is measured once per fragment: its numbers grow with the expansion, the time does not', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1 ? `fragment F${level} on Citizen { a: nik }` : `fragment F${level} on Citizen { ...F${level + 1} ...F${level + 1} }`,
    ).join('\n');
    const started = performance.now();
    const result = measure(`{ citizen(nik: "1") { ...F0 } }\n${fragments}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.aliases).toBe(2 ** (levels - 1));
  });

  test('introspection is not counted in the depth (it is local, and has its own gate)', () => {
    expect(measure(getIntrospectionQuery())).toMatchObject({ depth: 0, cost: 0, rootFields: 0 });
  });
});

describe('limits on the real supergraph (schema/supergraph.graphql)', () => {
  const supergraphSdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
  const real = { schema: Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema(), fanOut: agencyFanOutFromSupergraph(supergraphSdl) };
  const apiSdl = printSchema(real.schema);
  const hundred = Array.from({ length: 100 }, () => '1471100405960001');

  test('identityCheck reaches every agency whose identity copy it requires', () => {
    const agencies = real.fanOut.requiredAgencies('Citizen', 'identityCheck');
    expect(agencies).toEqual(['bpjs-kesehatan', 'bpjs-ketenagakerjaan', 'bpn', 'djp', 'dukcapil', 'imigrasi', 'kua', 'oss', 'polri', 'samsat']);
  });

  test.each([
    ['the README example', CITIZEN_EXAMPLE_QUERY, { nik: '1471100405960001' }],
    ['every field of one citizen', everyFieldCitizenQuery(apiSdl), { nik: '1471100405960001' }],
    ['every field of a family', everyFieldCitizenQuery(apiSdl, 'familyCard'), { nik: '1471100405960001' }],
    ['every field of 100 citizens', everyFieldCitizenQuery(apiSdl).replace('query EveryAgency($nik: NIK!) { citizen(nik: $nik)', 'query($niks: [NIK!]!) { citizens(niks: $niks)'), { niks: hundred }],
    ['identityCheck of 100 citizens (the benchmark)', 'query($niks: [NIK!]!) { citizens(niks: $niks) { nik identityCheck { status comparedAgencies unreachableAgencies discrepancies { attribute agency severity reason } } } }', { niks: hundred }],
    ['GraphiQL introspection', getIntrospectionQuery(), {}],
  ])('the default limits let %s through', (_name, query, variables) => {
    const result = measure(query, variables, real);
    expect(exceededLimit(result, LIMIT_DEFAULTS)).toBeUndefined();
    expect(countTokens(query, LIMIT_DEFAULTS.maxTokens).count).toBeLessThanOrEqual(LIMIT_DEFAULTS.maxTokens);
  });

  test('every field of the family members of 100 citizens is over the default cost', () => {
    const every = everyFieldCitizenQuery(apiSdl, 'familyCard').replace('query EveryAgencyForAFamily($nik: NIK!) { citizen(nik: $nik)', 'query($niks: [NIK!]!) { citizens(niks: $niks)');
    const result = measure(every, { niks: hundred }, real);
    expect(exceededLimit(result, LIMIT_DEFAULTS)?.message).toBe(
      `The operation is too complex: estimated cost (agency record look-ups) ${result.cost}, maximum 20000. Ask fewer citizens at once, or fewer agencies’ fields per citizen.`,
    );
    expect(result.cost).toBeGreaterThan(80_000);
  });

  test('100 citizens reaching the ten agencies cost about 100 per agency', () => {
    const fields = 'fullName passports { number } drivingLicenses { class } vehicles { plateNumber } healthInsurance { status } employmentInsurance { status } taxProfile { status } landParcels { certificateNumber } businesses { nib } marriages { marriedOn }';
    const result = measure(`query($niks: [NIK!]!) { citizens(niks: $niks) { ${fields} } }`, { niks: hundred }, real);
    // 1 (the registry's batch) + 100 citizens x 10 agencies, + the records below them
    // (lists assumed at 5: 6 lists x 100 x 5, and 3 single records x 100).
    expect(result.cost).toBe(1 + 100 * 10 + 6 * 100 * 5 + 3 * 100);
  });

  test('deep family recursion is refused by depth; 10,000 NIKs by the list limit, naming the argument', () => {
    let family = 'nik';
    for (let level = 0; level < 8; level += 1) family = `familyCard { members { ${family} } }`;
    const deep = measure(`{ citizen(nik: "1471100405960001") { ${family} } }`, {}, real);
    expect(exceededLimit(deep, LIMIT_DEFAULTS)?.message).toBe(
      'The operation is too complex: depth (levels of nested fields) 18, maximum 8. Ask for fewer nested levels (for example fewer familyCard.members levels); walk further with a second query.',
    );
    const many = measure('query($niks: [NIK!]!) { citizens(niks: $niks) { nik } }', { niks: Array.from({ length: 10_000 }, () => '1471100405960001') }, real);
    expect(exceededLimit(many, LIMIT_DEFAULTS)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'listArgument', value: 10_000, maximum: 100, where: 'argument niks of Query.citizens' });
  });
});
