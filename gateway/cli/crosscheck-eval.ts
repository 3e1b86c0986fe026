import './quiet-logs'; // before any module that creates a logger at import time
import 'reflect-metadata'; // the agencies' type-graphql classes load with the demo
import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import pino from 'pino';
import { EvalInputError, runEval, type EvalIo } from '../crosscheck/eval/run-eval';
import { GatewayError } from '../reconcile/graphql-client';

/**
 * `npm run crosscheck:eval -- --data DIR [--gateway URL] [--json FILE]`: measures the identity
 * crosscheck against a data directory's planted ground truth (gateway/crosscheck/eval/README.md).
 * Exit codes: 0 measured (whatever the figures), 1 failure (the gateway or the demo), 2 bad
 * arguments or an unusable data directory (each problem named).
 */

export interface EvalCliOptions {
  dataDir: string;
  gatewayUrl?: string;
  jsonFile?: string;
  concurrency: number;
}

function program(): Command {
  return new Command()
    .name('npm run crosscheck:eval --')
    .description("Run identityCheck for every citizen of a data directory and score it against the directory's ground-truth.json: confusion matrix, MISMATCH precision and recall, benign variants called MISMATCH.")
    .addOption(new Option('--data <dir>', 'a data directory written by `npm run seed` (manifest.json, ground-truth.json, agency folders)'))
    .addOption(new Option('--gateway <url>', "a running gateway's GraphQL endpoint serving that data directory (default: start the whole demo in this process on free loopback ports)"))
    .addOption(new Option('--json <file>', 'also write the figures as JSON'))
    .addOption(new Option('--concurrency <n>', 'batches of 100 citizens in flight at once, 1-8').default('2'))
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', '\nExit codes: 0 measured (whatever the figures); 1 the gateway or the demo failed; 2 bad arguments or an unusable data directory.\n')
    .allowExcessArguments(false)
    .exitOverride();
}

export function parseEvalArguments(argv: readonly string[], io: Pick<EvalIo, 'stdout'>): { options: EvalCliOptions } | { problems: string[] } | { help: true } {
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
  const flags = command.opts<{ data?: string; gateway?: string; json?: string; concurrency: string }>();
  const problems: string[] = [];
  if (flags.data === undefined || flags.data.trim() === '') problems.push('--data is required: a data directory written by `npm run seed`, e.g. --data data/pekanbaru');
  if (flags.gateway !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(flags.gateway);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) problems.push(`--gateway must be an http(s) URL of a gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql; got ${JSON.stringify(flags.gateway)}`);
  }
  if (flags.json !== undefined && flags.json.trim() === '') problems.push('--json must name a file, got an empty string');
  if (!/^\d+$/.test(flags.concurrency) || Number(flags.concurrency) < 1 || Number(flags.concurrency) > 8) problems.push(`--concurrency must be a whole number from 1 to 8; got ${JSON.stringify(flags.concurrency)}`);
  if (problems.length > 0) return { problems };
  return { options: { dataDir: flags.data!, gatewayUrl: flags.gateway, jsonFile: flags.json ? path.resolve(flags.json) : undefined, concurrency: Number(flags.concurrency) } };
}

export async function runEvalCli(argv: readonly string[], io: EvalIo): Promise<number> {
  const parsed = parseEvalArguments(argv, io);
  if ('help' in parsed) return 0;
  if ('problems' in parsed) {
    for (const problem of parsed.problems) io.stderr(`crosscheck:eval: ${problem}\n`);
    io.stderr('Run with --help for usage.\n');
    return 2;
  }
  try {
    // A running gateway wants a credential (SATU_TOKEN); a demo started here brings its own.
    await runEval({ ...parsed.options, token: process.env.SATU_TOKEN?.trim() || undefined, logger: pino({ level: process.env.SATU_LOG_LEVEL === 'silent' ? 'silent' : 'warn' }) }, io);
    return 0;
  } catch (error) {
    if (error instanceof EvalInputError) {
      io.stderr(`crosscheck:eval: ${error.message}\n`);
      return 2;
    }
    if (error instanceof GatewayError) {
      io.stderr(`crosscheck:eval: ${error.message}\n`);
      return 1;
    }
    io.stderr(`crosscheck:eval: failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runEvalCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    terminal: process.stderr.isTTY ? process.stderr : undefined,
  }).then((code) => {
    process.exitCode = code;
  });
}
