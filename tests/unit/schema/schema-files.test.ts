import path from 'node:path';
import { AGENCIES } from '../../../subgraphs/catalog';
import { artifactFiles, buildSchemaArtifacts, staleArtifactFiles } from '../../../schema/pipeline';

describe('committed schema files', () => {
  it('match what the code prints and composes (run `npm run schema` when this fails)', async () => {
    const files = artifactFiles(await buildSchemaArtifacts(AGENCIES));
    expect(staleArtifactFiles(path.resolve(__dirname, '../../../schema'), files)).toEqual([]);
  });

  it('compose a supergraph that keeps our directives and the public contract', async () => {
    const artifacts = await buildSchemaArtifacts(AGENCIES);
    expect(artifacts.supergraphSdl).toContain('@link(url: "https://specs.satu.go.id/satu/v0.1"');
    expect(artifacts.supergraphSdl).toMatch(/@source\(system: "/);
    expect(artifacts.supergraphSdl).toMatch(/@identityClaim\(attribute: FULL_NAME\)/);
    for (const field of ['citizen(nik: NIK!): Citizen', 'citizens(niks: [NIK!]!): [Citizen]!', 'passports: [Passport!]', 'vehicles: [Vehicle!]', 'healthInsurance: HealthInsurance']) {
      expect(artifacts.apiSdl).toContain(field);
    }
  });
});
