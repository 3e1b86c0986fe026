import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.command';
import { checkCommand } from './commands/check.command';
import { compareCommand } from './commands/compare.command';
import { lineageCommand } from './commands/lineage.command';
import { publishCommand } from './commands/publish.command';

/**
 * `npm run satu -- <command> ...`: the operators' command line. Each subcommand lives in
 * `commands/<name>.command.ts` and exports a SatuCommand; adding one is an import and an entry in
 * COMMANDS below. Exit codes: whatever the command returns (0 normally), 2 for a usage error
 * (unknown command or option, missing argument), 1 for an unexpected failure.
 */

/** Where a command writes: the process's streams in production, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface SatuCommand {
  /** Adds the subcommand to `program`; its action reports the exit code through `done`. */
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void;
}

/** Every subcommand, in the order `satu --help` lists them. */
const COMMANDS: readonly SatuCommand[] = [compareCommand, checkCommand, publishCommand, lineageCommand, auditCommand];

/** Parses `argv` (without `node` and the script), runs the command and resolves its exit code; never exits the process. */
export async function runSatu(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('satu')
    .description("Satu operator tools: try the identity crosscheck's comparison engine, check and publish subgraph schemas, trace schema lineage.")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(add --help for usage)');
  for (const command of COMMANDS) {
    command.register(program, io, (code) => {
      exitCode = code;
    });
  }
  // Subcommands inherit these settings only when they are set before the subcommands are added,
  // so apply them again to each: usage errors must come back here, not exit the process.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr(`satu: ${(error as Error).message}\n`);
    return 1;
  }
  return exitCode;
}

if (require.main === module) {
  void runSatu(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
