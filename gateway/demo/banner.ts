import type { GroundTruth } from '../../subgraphs/population/ground-truth';
import { CITIZEN_EXAMPLE_QUERY } from '../web/example-query';

/** The query printed for people to paste (the same one GraphiQL opens with). */
export const DEMO_QUERY = CITIZEN_EXAMPLE_QUERY;

export interface BannerInput {
  gatewayUrl: string;
  dataDir: string;
  groundTruth: GroundTruth;
  agencies: readonly string[];
  seconds: number;
}

function describePlants(groundTruth: GroundTruth, nik: string): string {
  const plants = groundTruth.plants.filter((plant) => plant.nik === nik && plant.class !== 'FORMAT');
  if (plants.length === 0) return "every agency's copy agrees with the civil registry";
  return plants.map((plant) => `${plant.attribute} at ${plant.agency}: ${plant.kind.toLowerCase().replace(/_/g, ' ')}`).join('; ');
}

export function demoBanner(input: BannerInput): string {
  const { clean, variant, mismatch } = input.groundTruth.demoNiks;
  const graphiql = input.gatewayUrl.replace(/\/graphql$/, '/graphiql');
  const body = JSON.stringify({ query: DEMO_QUERY.replace(/\s+/g, ' '), variables: { nik: clean } });
  return [
    '',
    `Satu is ready in ${input.seconds.toFixed(1)} s: ${input.agencies.length} agencies (${input.agencies.join(', ')}) behind one gateway.`,
    `  GraphQL:  ${input.gatewayUrl}`,
    `  GraphiQL: ${graphiql}`,
    `  Data:     ${input.dataDir} (${input.groundTruth.citizens} citizens)`,
    '',
    'NIKs worth trying:',
    `  clean     ${clean}  ${describePlants(input.groundTruth, clean)}`,
    `  variant   ${variant}  ${describePlants(input.groundTruth, variant)}`,
    `  mismatch  ${mismatch}  ${describePlants(input.groundTruth, mismatch)}`,
    '',
    'A citizen query (paste into GraphiQL with {"nik": "<a NIK above>"} as variables, or run):',
    `curl -s ${input.gatewayUrl} -H 'content-type: application/json' --data '${body}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
