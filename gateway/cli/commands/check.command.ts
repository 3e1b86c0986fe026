import type { Command } from 'commander';
import { checkResultJson, checkSubgraph, DEFAULT_USAGE_DAYS, renderCheckText } from '../../registry/check';
import { openCommandRegistry, parseDays, readSchemaFile, type RegistryCommandDeps } from '../../registry/cli-support';
import { openCommandUsage, type CommandUsage } from '../../registry/command-usage';
import { RegistryError } from '../../registry/errors';
import type { RegistryStore } from '../../registry/registry.store';
import type { CliIo, SatuCommand } from '../satu';

/**
 * `satu check --subgraph imigrasi --schema schema/subgraphs/imigrasi.graphql`: checks a candidate
 * SDL against the registry (composition, changes with criticality, usage of breaking changes,
 * personal-data changes) and stores nothing. Exit codes: 0 pass, 1 fail, 2 bad input.
 */

export interface CheckArgs {
  subgraph?: string;
  schema?: string;
  /** Where the candidate will be served, when that changes with it (as `publish --url`). */
  url?: string;
  json?: boolean;
  days?: string;
}

const USAGE_EXAMPLE = 'satu check --subgraph imigrasi --schema schema/subgraphs/imigrasi.graphql';

/** The usage breaking changes are judged by: what the caller handed in, else the registry's table and the access ledger. */
export async function usageFor(registry: RegistryStore, deps: RegistryCommandDeps): Promise<CommandUsage> {
  if (deps.usage) return { usage: deps.usage, description: 'the usage given', close: async () => undefined };
  if (deps.registry) return { usage: deps.registry, description: "the registry's usage table", close: async () => undefined };
  return openCommandUsage(deps.env ?? process.env, registry);
}

export async function runCheck(args: CheckArgs, io: CliIo, deps: RegistryCommandDeps = {}): Promise<number> {
  if (!args.subgraph?.trim() || !args.schema?.trim()) {
    io.stderr(`satu check: give the subgraph and its candidate schema: --subgraph NAME --schema FILE\n  e.g. ${USAGE_EXAMPLE}\n`);
    return 2;
  }
  let registry: RegistryStore | undefined = deps.registry;
  let usage: CommandUsage | undefined;
  try {
    const usageDays = parseDays(args.days);
    const sdl = readSchemaFile(args.schema);
    registry ??= await openCommandRegistry(deps.env ?? process.env);
    usage = await usageFor(registry, deps);
    const store = registry;
    const result = await checkSubgraph({ snapshot: () => store.snapshot(), usageSince: (since) => usage!.usage.usageSince(since) }, { subgraph: args.subgraph.trim(), sdl, url: args.url, usageDays, now: deps.now });
    io.stdout(args.json ? `${JSON.stringify(checkResultJson(result), null, 2)}\n` : renderCheckText(result));
    return result.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof RegistryError) {
      io.stderr(`satu check: ${error.message}\n`);
      return error.code === 'BAD_INPUT' ? 2 : 1;
    }
    throw error;
  } finally {
    await usage?.close();
    if (registry && registry !== deps.registry) await registry.close();
  }
}

export const checkCommand: SatuCommand = {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void {
    program
      .command('check')
      .description("check a subgraph's candidate schema against the registry: composition, breaking changes that clients use, personal-data changes; stores nothing")
      .option('--subgraph <name>', 'the subgraph, as registered (dukcapil, imigrasi, ...)')
      .option('--schema <file>', 'the candidate SDL (at most 5 MB)')
      .option('--url <url>', 'where the candidate will be served (http or https), to check what publish --url would store; default the registered URL')
      .option('--days <n>', `a breaking change fails when a recorded operation used it in the last N days (default ${DEFAULT_USAGE_DAYS})`)
      .option('--json', 'print the result as JSON')
      .addHelpText(
        'after',
        `\nExample:\n  ${USAGE_EXAMPLE}\n\nExit codes: 0 the check passes; 1 it fails; 2 bad input (missing option, unreadable, oversized or non-UTF-8 file, SDL that does not parse, unknown subgraph, bad URL).\n` +
          'Registry: SATU_DATABASE_URL (postgres:// URL or SQLite path), default data/registry.sqlite, seeded from the catalogue when fresh.\n',
      )
      .action(async (options: CheckArgs) => {
        done(await runCheck(options, io));
      });
  },
};
