import type { GroundTruth } from '../../subgraphs/population/ground-truth';
import { formatDemoCredentials, type DemoCredentials } from '../access/demo-credentials';
import { CITIZEN_EXAMPLE_QUERY } from '../web/example-query';

/** The query printed for people to paste (the same one GraphiQL opens with). */
export const DEMO_QUERY = CITIZEN_EXAMPLE_QUERY;

export interface BannerInput {
  gatewayUrl: string;
  dataDir: string;
  groundTruth: GroundTruth;
  agencies: readonly string[];
  seconds: number;
  /** The demo credentials (access control on with demo keys); absent when keys are configured or access is off. */
  credentials?: DemoCredentials | null;
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
  const frontend = input.credentials?.tokens.find((token) => token.role === 'frontend');
  const authHeaders = frontend ? ` -H 'authorization: Bearer ${frontend.token}' -H 'x-satu-purpose: ${input.credentials!.purpose}'` : '';
  const graphiqlLink = frontend ? `${graphiql}?token=${frontend.token}&purpose=${input.credentials!.purpose}` : graphiql;
  return [
    '',
    `Satu is ready in ${input.seconds.toFixed(1)} s: ${input.agencies.length} agencies (${input.agencies.join(', ')}) behind one gateway.`,
    `  GraphQL:  ${input.gatewayUrl}`,
    `  GraphiQL: ${graphiqlLink}`,
    `  Lineage:  ${input.gatewayUrl.replace(/\/graphql$/, '/lineage')}${input.credentials ? ` (with the auditor token: ?token=...)` : ''}`,
    `  Data:     ${input.dataDir} (${input.groundTruth.citizens} citizens)`,
    '',
    'NIKs worth trying:',
    `  clean     ${clean}  ${describePlants(input.groundTruth, clean)}`,
    `  variant   ${variant}  ${describePlants(input.groundTruth, variant)}`,
    `  mismatch  ${mismatch}  ${describePlants(input.groundTruth, mismatch)}`,
    '',
    ...(input.credentials ? [formatDemoCredentials(input.credentials), ''] : []),
    'A citizen query (paste into GraphiQL with {"nik": "<a NIK above>"} as variables, or run):',
    `curl -s ${input.gatewayUrl} -H 'content-type: application/json'${authHeaders} --data '${body}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
