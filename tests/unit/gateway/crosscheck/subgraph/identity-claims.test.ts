import 'reflect-metadata';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { crosscheckSdl } from '../../../../../gateway/crosscheck/subgraph/crosscheck-sdl';
import { identityModelOf } from '../../../../../gateway/crosscheck/subgraph/identity-claims';
import { federationHeader, satuDefinitions } from '../../../../../subgraphs/kit/directives';
import { REGISTRY_STAND_IN_SDL } from '../../../../support/registry-stand-in';

/** A new agency that only tags its copy: the crosscheck must pick it up with no code change. */
const PDAM_SDL = `${federationHeader()}
type Citizen @key(fields: "nik") { nik: NIK!  waterAccount: WaterAccount }
type WaterAccount { customerName: String @identityClaim(attribute: FULL_NAME) @source(system: "PDAM", operation: "x", field: "NAMA") }
scalar NIK
${satuDefinitions()}`;

const REGISTRY_WITH_NAME = REGISTRY_STAND_IN_SDL.replace('type Citizen @key(fields: "nik") { nik: NIK! }', 'type Citizen @key(fields: "nik") { nik: NIK! fullName: String! }');

function compose(services: Array<{ name: string; sdl: string }>): string {
  const result = composeServices(services.map((service) => ({ name: service.name, typeDefs: parse(service.sdl), url: `http://127.0.0.1/${service.name}` })));
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

describe('crosscheck requirements follow the @identityClaim tags', () => {
  it('requires a newly joined agency copy and composes with it', () => {
    const agencies = [
      { name: 'dukcapil', sdl: REGISTRY_WITH_NAME },
      { name: 'pdam', sdl: PDAM_SDL },
    ];
    const model = identityModelOf(compose(agencies));
    expect(model.claims).toEqual([expect.objectContaining({ agency: 'pdam', citizenField: 'waterAccount', claimField: 'customerName', attribute: 'FULL_NAME' })]);
    const sdl = crosscheckSdl(model);
    expect(sdl).toContain('@requires(fields: "fullName waterAccount { customerName }")');
    expect(() => compose([...agencies, { name: 'crosscheck', sdl }])).not.toThrow();
  });
});
