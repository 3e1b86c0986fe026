import 'reflect-metadata'; // the agencies' type-graphql classes load with the catalog
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import { isIsoDate } from './dates';
import { DEFAULT_REFERENCE_DATE, MAX_CITIZENS } from './generate-population';
import { DataDirectoryError, DEFAULT_CITIZENS, DEFAULT_SEED, writeDataDirectory, type ProgressEvent, type SeedingAgency } from './write-data-dir';

/**
 * `npm run seed -- --out DIR [--citizens N] [--seed S] [--reference-date yyyy-mm-dd] [--force]`
 * Writes a Satu data directory (see README.md). Exit codes: 0 done, 2 bad flags or a target
 * directory it will not overwrite, 1 anything else.
 */

export interface SeedCliOptions {
  out: string;
  citizens: number;
  seed: string;
  referenceDate: string;
  force: boolean;
}

export type SeedCliParse = { kind: 'run'; options: SeedCliOptions } | { kind: 'help'; text: string };

/** A bad command line: the message says which flag and what is expected. Exit code 2. */
export class CliUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function program(): Command {
  return new Command()
    .name('npm run seed --')
    .description('Generate a Satu data directory: a synthetic Pekanbaru population and each agency\'s legacy records, with planted identity differences listed in ground-truth.json.')
    .addOption(new Option('--out <dir>', 'data directory to write (created; must be new, empty, or a previous Satu data directory with --force)'))
    .addOption(new Option('--citizens <n>', `number of people, 1 to ${MAX_CITIZENS}`).default(String(DEFAULT_CITIZENS)))
    .addOption(new Option('--seed <seed>', 'any string; the same seed gives the same bytes').default(DEFAULT_SEED))
    .addOption(new Option('--reference-date <yyyy-mm-dd>', "the population's \"today\" (ages, card dates)").default(DEFAULT_REFERENCE_DATE))
    .addOption(new Option('--force', 'replace a previous Satu data directory at --out'))
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/** Parses and validates the arguments after `node cli.js`. Throws CliUsageError naming the faulty flag. */
export function parseSeedArguments(argv: readonly string[]): SeedCliParse {
  const command = program();
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { kind: 'help', text: command.helpInformation() };
      throw new CliUsageError(error.message.replace(/^error: /, ''));
    }
    throw error;
  }
  const flags = command.opts<{ out?: string; citizens: string; seed: string; referenceDate: string; force?: boolean }>();
  if (flags.out === undefined) throw new CliUsageError('--out is required: the data directory to write, e.g. --out data/pekanbaru');
  if (flags.out.trim() === '') throw new CliUsageError('--out must name a directory, got an empty string');
  if (!/^\d+$/.test(flags.citizens) || Number(flags.citizens) < 1 || Number(flags.citizens) > MAX_CITIZENS) {
    throw new CliUsageError(`--citizens must be a whole number from 1 to ${MAX_CITIZENS}, got "${flags.citizens}"`);
  }
  if (flags.seed === '') throw new CliUsageError('--seed must not be empty (any other string is a valid seed)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.referenceDate) || !isIsoDate(flags.referenceDate)) {
    throw new CliUsageError(`--reference-date must be a real date written yyyy-mm-dd, got "${flags.referenceDate}"`);
  }
  const year = Number(flags.referenceDate.slice(0, 4));
  if (year < 2000 || year > 2099) {
    // NIKs carry two-digit years; a reference date in this century keeps their reading unambiguous.
    throw new CliUsageError(`--reference-date must be between 2000-01-01 and 2099-12-31, got "${flags.referenceDate}"`);
  }
  return {
    kind: 'run',
    options: {
      out: path.resolve(flags.out),
      citizens: Number(flags.citizens),
      seed: flags.seed,
      referenceDate: flags.referenceDate,
      force: flags.force === true,
    },
  };
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Runs the CLI; resolves to the exit code. `agencies` is for tests (default: the catalog). */
export async function runSeedCli(argv: readonly string[], io: CliIo = process, agencies?: readonly SeedingAgency[]): Promise<number> {
  let parsed: SeedCliParse;
  try {
    parsed = parseSeedArguments(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`satu seed: ${error.message}\nRun with --help for usage.\n`);
      return error.exitCode;
    }
    throw error;
  }
  if (parsed.kind === 'help') {
    io.stdout.write(parsed.text);
    return 0;
  }
  const { options } = parsed;
  const progress = createProgress(io.stderr);
  try {
    const summary = await writeDataDirectory({
      out: options.out,
      citizens: options.citizens,
      seed: options.seed,
      referenceDate: options.referenceDate,
      agencies,
      replaceExisting: options.force,
      onProgress: progress.update,
    });
    progress.stop();
    const { FORMAT, VARIANT, MISMATCH } = summary.plants;
    io.stdout.write(
      [
        `Data directory ${summary.out}`,
        `  people      ${summary.people} in ${summary.families} family cards (seed "${options.seed}", reference date ${options.referenceDate})`,
        `  agencies    ${summary.manifest.agencies.join(', ')}`,
        `  plants      ${FORMAT + VARIANT + MISMATCH}: FORMAT ${FORMAT}, VARIANT ${VARIANT}, MISMATCH ${MISMATCH} (ground-truth.json)`,
        `  demo NIKs   clean ${summary.demoNiks.clean || '-'}, variant ${summary.demoNiks.variant || '-'}, mismatch ${summary.demoNiks.mismatch || '-'}`,
        `  time        ${(summary.elapsedMs / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof DataDirectoryError) {
      io.stderr.write(`satu seed: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`satu seed: failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/** A progress bar on a terminal; one plain line per step otherwise (CI logs, pipes). */
function createProgress(stream: CliIo['stderr']): { update: (message: string, event: ProgressEvent) => void; stop: () => void } {
  if (!stream.isTTY) {
    return { update: (message) => stream.write(`satu seed: ${message}\n`), stop: () => undefined };
  }
  const bar = new SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: 'satu seed [{bar}] {value}/{total} {step}',
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = false;
  return {
    update(message, event) {
      if (!started) {
        bar.start(event.total, event.completed, { step: message });
        started = true;
      } else {
        bar.update(event.completed, { step: message });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

if (require.main === module) {
  void runSeedCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
