import type { Command } from 'commander';
import path from 'node:path';
import { checkResultJson, DEFAULT_USAGE_DAYS, renderCheckText } from '../../registry/check';
import { openCommandRegistry, parseDays, readSchemaFile, type RegistryCommandDeps } from '../../registry/cli-support';
import { RegistryError, type RegistryErrorCode } from '../../registry/errors';
import { publishSubgraph } from '../../registry/publish';
import { authenticatePublisher, loadPublisherTokens, readTokenArgument, writeDemoPublisherTokens } from '../../registry/publisher-tokens';
import type { CommandUsage } from '../../registry/command-usage';
import type { RegistryStore } from '../../registry/registry.store';
import { usageFor } from './check.command';
import type { CliIo, SatuCommand } from '../satu';

/**
 * `satu publish --subgraph imigrasi --schema FILE --token FILE [--url URL] [--override "reason"]`:
 * runs the checks and, if they pass (or are overridden with a recorded reason), stores the version,
 * its change list and the new supergraph. Exit codes below (EXIT).
 */

export interface PublishArgs {
  subgraph?: string;
  schema?: string;
  url?: string;
  token?: string;
  override?: string;
  json?: boolean;
  days?: string;
  initDemoTokens?: boolean;
}

export const PUBLISH_EXIT = { published: 0, refused: 1, badInput: 2, forbidden: 3, stale: 4 } as const;

const EXIT_BY_CODE: Record<RegistryErrorCode, number> = { BAD_INPUT: PUBLISH_EXIT.badInput, FORBIDDEN: PUBLISH_EXIT.forbidden, STALE: PUBLISH_EXIT.stale, UNAVAILABLE: PUBLISH_EXIT.refused };
const USAGE_EXAMPLE = 'satu publish --subgraph imigrasi --schema schema/subgraphs/imigrasi.graphql --token ~/.satu/imigrasi.token';

/** SATU_PUBLISHER_TOKENS, else data/publisher-tokens.json under the working directory. */
function tokenFile(env: NodeJS.ProcessEnv): string {
  return env.SATU_PUBLISHER_TOKENS?.trim() || path.resolve('data', 'publisher-tokens.json');
}

export async function runPublish(args: PublishArgs, io: CliIo, deps: RegistryCommandDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  let registry: RegistryStore | undefined = deps.registry;
  let usage: CommandUsage | undefined;
  try {
    if (args.initDemoTokens) {
      registry ??= await openCommandRegistry(env);
      const agencies = (await registry.agencies()).map((agency) => agency.name);
      const written = writeDemoPublisherTokens(path.dirname(tokenFile(env)), agencies);
      io.stdout(`wrote ${agencies.length} demo publisher tokens: hashes in ${written.tokensFile}, the tokens themselves in ${written.secretsFile} (keep it private)\n`);
      return 0;
    }
    if (!args.subgraph?.trim() || !args.schema?.trim() || !args.token?.trim()) {
      io.stderr(`satu publish: give --subgraph NAME, --schema FILE and --token FILE_OR_TOKEN\n  e.g. ${USAGE_EXAMPLE}\n`);
      return PUBLISH_EXIT.badInput;
    }
    const usageDays = parseDays(args.days);
    const sdl = readSchemaFile(args.schema);
    const credential = authenticatePublisher(loadPublisherTokens(tokenFile(env)), readTokenArgument(args.token));
    registry ??= await openCommandRegistry(env);
    usage = await usageFor(registry, deps);
    const outcome = await publishSubgraph(registry, {
      usage: usage.usage,
      subgraph: args.subgraph.trim(),
      sdl,
      url: args.url,
      usageDays,
      credential,
      overrideReason: args.override,
      now: deps.now,
    });
    if (args.json) {
      const extra = outcome.status === 'PUBLISHED' ? { version: { id: outcome.version.id, sequence: outcome.version.sequence, hash: outcome.version.hash }, supergraph: { id: outcome.supergraph.id, sequence: outcome.supergraph.sequence, hash: outcome.supergraph.hash }, overridden: outcome.overridden } : {};
      io.stdout(`${JSON.stringify({ status: outcome.status, ...(outcome.status === 'REFUSED' ? { reason: outcome.reason } : {}), ...extra, check: checkResultJson(outcome.check) }, null, 2)}\n`);
    } else {
      io.stdout(renderCheckText(outcome.check));
      if (outcome.status === 'PUBLISHED') {
        const override = outcome.overridden ? ` despite failing checks (override recorded: ${JSON.stringify(args.override?.trim())})` : '';
        io.stdout(`\nPUBLISHED ${outcome.version.subgraph} version ${outcome.version.sequence}${override}; supergraph ${outcome.supergraph.sequence} composed\n`);
      } else if (outcome.status === 'UNCHANGED') {
        io.stdout(`\nUNCHANGED: ${args.subgraph.trim()} is already at this schema and URL; nothing stored\n`);
      } else {
        io.stdout(`\nREFUSED: ${outcome.reason}; nothing stored\n`);
      }
    }
    return outcome.status === 'REFUSED' ? PUBLISH_EXIT.refused : PUBLISH_EXIT.published;
  } catch (error) {
    if (error instanceof RegistryError) {
      io.stderr(`satu publish: ${error.message}\n`);
      return EXIT_BY_CODE[error.code];
    }
    throw error;
  } finally {
    await usage?.close();
    if (registry && registry !== deps.registry) await registry.close();
  }
}

export const publishCommand: SatuCommand = {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void {
    program
      .command('publish')
      .description("publish a subgraph's schema to the registry: runs the checks, stores the version, its changes and the new supergraph")
      .option('--subgraph <name>', 'the subgraph, as registered')
      .option('--schema <file>', 'the SDL to publish (at most 5 MB)')
      .option('--url <url>', 'where the subgraph is served (http or https); default the registered URL')
      .option('--token <fileOrToken>', "a publisher token for the subgraph's agency: a file holding it, or the token")
      .option('--override <reason>', 'publish despite failing checks (not composition errors); the reason is recorded')
      .option('--days <n>', `usage window for breaking changes, in days (default ${DEFAULT_USAGE_DAYS})`)
      .option('--json', 'print the outcome and the check result as JSON')
      .option('--init-demo-tokens', 'demo only: write fresh publisher tokens for every registered agency next to the token file (SATU_PUBLISHER_TOKENS, default data/publisher-tokens.json)')
      .addHelpText(
        'after',
        `\nExample:\n  ${USAGE_EXAMPLE}\n\n` +
          'Exit codes: 0 published (or unchanged); 1 refused by the checks; 2 bad input; 3 the token may not publish this subgraph; 4 someone published in between: check again.\n' +
          'Tokens: SATU_PUBLISHER_TOKENS names a JSON file { "<sha256 hex of token>": { "agency": "imigrasi", "publisher": "name" } }.\n',
      )
      .action(async (options: PublishArgs) => {
        done(await runPublish(options, io));
      });
  },
};
