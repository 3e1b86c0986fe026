import { Command, CommanderError, Option } from 'commander';
import { createGraphqlClient } from '../reconcile/graphql-client';
import { MAX_CITIZENS_PER_QUERY, gatewayRegistryClient, type RegistryClient } from '../reconcile/registry-client';
import { exitCodeOf, reconcile, type ReconcileIo, type ReconcileOptions } from '../reconcile/run-reconcile';

/**
 * `npm run reconcile -- --agency X --input FILE.csv --out DIR [--gateway URL] [--batch 100] [--concurrency 4] [--restart]`:
 * bulk reconciliation of an agency's dataset against the civil registry (gateway/reconcile/README.md).
 * Exit codes: 0 done (or already done), 1 failure (the gateway could not answer; the checkpoint is
 * kept), 2 bad arguments or an unusable input file (each problem named).
 */

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';
const AGENCY_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** Sent with every query: every request that reads personal data names its purpose (DESIGN.md section 5). */
export const RECONCILE_PURPOSE = 'pemadanan-data';
/** Batches in flight: enough to hide the round trip to the gateway, few enough not to crowd out the counter's citizens. */
export const DEFAULT_CONCURRENCY = 4;

export interface ReconcileCliDeps {
  /** A registry client instead of the gateway over HTTP (tests). */
  client?: RegistryClient;
}

function program(): Command {
  return new Command()
    .name('npm run reconcile --')
    .description("Compare an agency's copies of citizens' identity (a CSV: nik + any of full_name, birth_date, birth_place, sex, mother_name, marital_status, address) with the civil registry through the Satu gateway (\"pemadanan data\").")
    .addOption(new Option('--agency <name>', 'the agency whose data this is (as in the reports), e.g. samsat'))
    .addOption(new Option('--input <file>', "the agency's CSV file (header required; , ; tab or | separated)"))
    .addOption(new Option('--out <dir>', 'directory for discrepancies.csv, bad-rows.csv, summary.html, summary.json and the checkpoint'))
    .addOption(new Option('--gateway <url>', "the gateway's GraphQL endpoint").default(process.env.SATU_GATEWAY_URL || DEFAULT_GATEWAY_URL))
    .addOption(new Option('--batch <n>', `NIKs per citizens(niks:) query, 1-${MAX_CITIZENS_PER_QUERY}`).default(String(MAX_CITIZENS_PER_QUERY)))
    .addOption(new Option('--concurrency <n>', 'batches asked at once, 1-8 (written in file order all the same)').default(String(DEFAULT_CONCURRENCY)))
    .addOption(new Option('--restart', 'ignore the checkpoint in --out and start over'))
    .addOption(new Option('--token <token>', 'bearer token for the gateway (env SATU_TOKEN; access control is on); not written to any report'))
    .helpOption('-h, --help', 'show this help')
    .addHelpText(
      'after',
      '\nRerunning the same command resumes after the last batch recorded in DIR/reconcile-checkpoint.json.\n' +
        'Exit codes: 0 done; 1 failure (gateway down: the checkpoint is kept, rerun to resume); 2 bad arguments or unusable input.\n',
    )
    .allowExcessArguments(false)
    .exitOverride();
}

/** The gateway credential: --token, else SATU_TOKEN. Kept apart from the options, which go into the reports. */
function tokenOf(argv: readonly string[]): string | undefined {
  const command = program().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    command.parse([...argv], { from: 'user' });
  } catch {
    return undefined;
  }
  return command.opts<{ token?: string }>().token?.trim() || process.env.SATU_TOKEN?.trim() || undefined;
}

/** Parses and checks the arguments; every problem named, or the options. */
export function parseReconcileArguments(argv: readonly string[], io: Pick<ReconcileIo, 'stdout'>): { options: ReconcileOptions } | { problems: string[] } | { help: true } {
  const command = program().configureOutput({ writeOut: (text) => io.stdout(text), writeErr: () => undefined });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { help: true };
      return { problems: [error.message.replace(/^error: /, '')] };
    }
    throw error;
  }
  const flags = command.opts<{ agency?: string; input?: string; out?: string; gateway: string; batch: string; concurrency: string; restart?: boolean }>();
  const problems: string[] = [];
  if (flags.agency === undefined) problems.push('--agency is required: the agency whose data this is, e.g. --agency samsat');
  else if (!AGENCY_NAME.test(flags.agency)) problems.push(`--agency must be an agency name in lower case (letters, digits, dashes), e.g. samsat or bpjs-kesehatan; got ${JSON.stringify(flags.agency)}`);
  if (flags.input === undefined || flags.input.trim() === '') problems.push('--input is required: the agency\'s CSV file, e.g. --input samsat.csv');
  if (flags.out === undefined || flags.out.trim() === '') problems.push('--out is required: the directory for the reports, e.g. --out reports/samsat');
  let gatewayUrl: URL | undefined;
  try {
    gatewayUrl = new URL(flags.gateway);
  } catch {
    gatewayUrl = undefined;
  }
  if (!gatewayUrl || (gatewayUrl.protocol !== 'http:' && gatewayUrl.protocol !== 'https:')) {
    problems.push(`--gateway must be an http(s) URL of the gateway's GraphQL endpoint, e.g. ${DEFAULT_GATEWAY_URL}; got ${JSON.stringify(flags.gateway)}`);
  }
  if (!/^\d+$/.test(flags.batch) || Number(flags.batch) < 1 || Number(flags.batch) > MAX_CITIZENS_PER_QUERY) {
    problems.push(`--batch must be a whole number from 1 to ${MAX_CITIZENS_PER_QUERY} (the gateway's citizens(niks:) limit); got ${JSON.stringify(flags.batch)}`);
  }
  if (!/^\d+$/.test(flags.concurrency) || Number(flags.concurrency) < 1 || Number(flags.concurrency) > 8) {
    problems.push(`--concurrency must be a whole number from 1 to 8; got ${JSON.stringify(flags.concurrency)}`);
  }
  if (problems.length > 0) return { problems };
  return {
    options: {
      agency: flags.agency!,
      input: flags.input!,
      out: flags.out!,
      gateway: flags.gateway,
      batchSize: Number(flags.batch),
      restart: flags.restart === true,
      concurrency: Number(flags.concurrency),
    },
  };
}

/** Runs the command; resolves to its exit code, never exits the process. */
export async function runReconcileCli(argv: readonly string[], io: ReconcileIo, deps: ReconcileCliDeps = {}): Promise<number> {
  const parsed = parseReconcileArguments(argv, io);
  if ('help' in parsed) return 0;
  if ('problems' in parsed) {
    for (const problem of parsed.problems) io.stderr(`reconcile: ${problem}\n`);
    io.stderr('Run with --help for usage.\n');
    return 2;
  }
  const token = tokenOf(argv);
  const headers: Record<string, string> = { 'x-satu-purpose': RECONCILE_PURPOSE, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const http = deps.client ? undefined : createGraphqlClient({ url: parsed.options.gateway, headers, connections: parsed.options.concurrency });
  const client = deps.client ?? gatewayRegistryClient(http!);
  try {
    const outcome = await reconcile(parsed.options, client, io);
    if (outcome.kind === 'bad-input') io.stderr(`reconcile: ${outcome.message}\n`);
    if (outcome.kind === 'gateway-failed') io.stderr(`reconcile: ${outcome.message}\n`);
    return exitCodeOf(outcome);
  } catch (error) {
    io.stderr(`reconcile: failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await http?.close();
  }
}

if (require.main === module) {
  // Ctrl-C: the checkpoint of the last finished batch stands; rows written after it are dropped on resume.
  process.once('SIGINT', () => {
    process.stderr.write('\nreconcile: interrupted; rerun the same command to resume after the last finished batch\n');
    process.exit(130);
  });
  void runReconcileCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    terminal: process.stderr.isTTY ? process.stderr : undefined,
  }).then((code) => {
    process.exitCode = code;
  });
}
