import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { GatewayError, createGraphqlClient, describeGraphqlErrors, type GraphqlClient } from '../../reconcile/graphql-client';
import { createProgress } from '../../reconcile/progress';
import { generatePopulation } from '../../../subgraphs/population/generate-population';
import { GroundTruthError, readGroundTruth } from '../../../subgraphs/population/ground-truth';
import { DataDirectoryError, GENERATOR_VERSION, readManifest } from '../../../subgraphs/population/write-data-dir';
import { formatEvalReport } from './format-report';
import { IdentityCheckScorer, type CheckAnswer, type EvalScore } from './score';

export const EVAL_FORMAT = 'satu-crosscheck-eval/1';
export const EVAL_BATCH = 100;
/** Sent with every query: every request that reads personal data names its purpose (DESIGN.md section 5). */
export const EVAL_PURPOSE = 'crosscheck-quality-evaluation';

export const IDENTITY_CHECK_QUERY =
  'query CrosscheckEval($niks: [NIK!]!) { citizens(niks: $niks) { nik identityCheck { status discrepancies { attribute agency severity registryValue agencyValue reason } unreachableAgencies } } }';

export interface EvalOptions {
  dataDir: string;
  /** A running gateway's GraphQL URL; absent: the whole demo is started in this process on free loopback ports. */
  gatewayUrl?: string;
  /** Bearer token for a running gateway (access control is on); the demo started here uses its own demo token. */
  token?: string;
  /** Write the figures as JSON here. */
  jsonFile?: string;
  /** Batches in flight at once. @default 2 */
  concurrency?: number;
  logger: Logger;
}

export interface EvalIo {
  stdout(text: string): void;
  stderr(text: string): void;
  terminal?: NodeJS.WriteStream;
}

export interface EvalFigures extends EvalScore {
  format: typeof EVAL_FORMAT;
  data: { dir: string; seed: string; citizens: number; referenceDate: string };
  gateway: string;
  elapsedMs: number;
  /** GraphQL errors in the answers, by extensions.code (and agency). */
  graphqlErrors: Record<string, number>;
}

/** The data directory cannot be used (not generated, changed generator): exit code 2. */
export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalInputError';
  }
}

interface CitizensAnswer {
  citizens?: Array<{ nik: string; identityCheck: CheckAnswer['check'] } | null> | null;
}

/**
 * Measured quality (README.md): runs identityCheck for every citizen of a data directory, in
 * batches of 100 through `citizens(niks:)`, and scores each (NIK, agency, attribute) decision
 * against ground-truth.json. The NIKs come from the generator (same seed, size and reference
 * date as the manifest), so the data directory's agency files are not parsed here.
 */
export async function runEval(options: EvalOptions, io: EvalIo): Promise<EvalFigures> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  let manifest;
  let truth;
  try {
    manifest = readManifest(dataDir);
    if (!manifest) throw new EvalInputError(`${dataDir} is not a Satu data directory (no manifest.json from the generator); create one with \`npm run seed -- --out ${options.dataDir}\``);
    truth = readGroundTruth(dataDir);
  } catch (error) {
    if (error instanceof DataDirectoryError || error instanceof GroundTruthError) throw new EvalInputError(error.message);
    throw error;
  }
  if (manifest.generatorVersion !== GENERATOR_VERSION) {
    throw new EvalInputError(`${dataDir} was written by generator version ${manifest.generatorVersion}, this code is version ${GENERATOR_VERSION}: regenerate it with \`npm run seed -- --out ${options.dataDir} --force\``);
  }
  const niks = generatePopulation({ citizens: manifest.citizens, seed: manifest.seed, referenceDate: manifest.referenceDate }).people.map((person) => person.nik);
  const known = new Set(niks);
  const stray = truth.plants.find((plant) => !known.has(plant.nik));
  if (stray) throw new EvalInputError(`ground-truth.json plants a difference for a NIK the population does not have (${stray.nik}): regenerate ${dataDir}`);

  let stopDemo: (() => Promise<void>) | undefined;
  let url = options.gatewayUrl;
  let client: GraphqlClient | undefined;
  let token = options.token;
  try {
    if (!url) {
      io.stderr(`crosscheck:eval: starting the demo on ${dataDir} (every agency on free loopback ports)\n`);
      // Loaded here: the catalog pulls in every agency, which a run against --gateway does not need.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startDemo } = require('../../demo/start-demo') as typeof import('../../demo/start-demo');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AGENCIES } = require('../../../subgraphs/catalog') as typeof import('../../../subgraphs/catalog');
      const demo = await startDemo({
        dataDir,
        host: '127.0.0.1',
        gatewayPort: 0,
        ports: 'random',
        agencies: AGENCIES.filter((agency) => manifest.agencies.includes(agency.name)),
        // Generous timeouts: this measures the comparison, not the simulators' latency.
        legacyTimeoutMs: 10_000,
        agencyTimeoutMs: 15_000,
        logger: options.logger,
      });
      stopDemo = demo.stop;
      url = demo.gateway.url;
      token = demo.access.control.demo?.tokens.find((candidate) => candidate.role === 'frontend')?.token;
    }
    const gatewayUrl = url;
    const headers: Record<string, string> = { 'x-satu-purpose': EVAL_PURPOSE, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    client = createGraphqlClient({ url: gatewayUrl, headers, timeoutMs: 120_000, connections: Math.max(1, options.concurrency ?? 2) });
    const scorer = new IdentityCheckScorer(truth);
    const graphqlErrors: Record<string, number> = {};
    const progress = createProgress({ label: 'crosscheck:eval', unit: 'citizens', terminal: io.terminal, write: io.stderr });
    progress.start(niks.length, 0);
    let done = 0;
    const batches: string[][] = [];
    for (let i = 0; i < niks.length; i += EVAL_BATCH) batches.push(niks.slice(i, i + EVAL_BATCH));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const answer = await client!.request<CitizensAnswer>(IDENTITY_CHECK_QUERY, { niks: batch });
        const citizens = answer.data?.citizens;
        if (!Array.isArray(citizens) || citizens.length !== batch.length) {
          throw new GatewayError('graphql', `the gateway at ${gatewayUrl} gave no citizens for a batch: ${describeGraphqlErrors(answer.errors) || 'no error given'}`);
        }
        for (const error of answer.errors) {
          const code = [error.extensions?.code ?? 'NO_CODE', error.extensions?.agency].filter(Boolean).join(' ');
          graphqlErrors[code] = (graphqlErrors[code] ?? 0) + 1;
        }
        citizens.forEach((citizen, index) => {
          if (citizen && citizen.nik !== batch[index]) throw new GatewayError('bad-response', `the gateway answered entry ${index + 1} of a batch for another NIK than asked`);
          scorer.add({ nik: batch[index]!, check: citizen?.identityCheck ?? null });
        });
        done += batch.length;
        progress.update(done);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
    } finally {
      progress.stop();
    }
    const score = scorer.score();
    const figures: EvalFigures = {
      format: EVAL_FORMAT,
      data: { dir: dataDir, seed: manifest.seed, citizens: manifest.citizens, referenceDate: manifest.referenceDate },
      gateway: options.gatewayUrl ?? 'in-process demo',
      elapsedMs: Math.round(performance.now() - started),
      graphqlErrors,
      ...score,
    };
    io.stdout(formatEvalReport(score, { dataDir, seed: manifest.seed, citizens: manifest.citizens, gateway: figures.gateway, elapsedMs: figures.elapsedMs, graphqlErrors }));
    if (options.jsonFile) {
      await writeFile(options.jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
      io.stderr(`crosscheck:eval: figures written to ${options.jsonFile}\n`);
    }
    return figures;
  } finally {
    await client?.close();
    await stopDemo?.();
  }
}
