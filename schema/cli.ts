import 'reflect-metadata';
import { Command } from 'commander';
import path from 'node:path';
import { AGENCIES } from '../subgraphs/catalog';
import { CompositionError } from './compose';
import { artifactFiles, buildSchemaArtifacts, staleArtifactFiles, writeArtifactFiles } from './pipeline';

/**
 * `npm run schema`: prints each subgraph's SDL from code into schema/subgraphs/, composes
 * schema/supergraph.graphql and writes schema/api.graphql. `--check` only reports stale files.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('satu-schema')
    .description('Print subgraph SDLs from code and compose the supergraph.')
    .option('--check', 'do not write; exit 1 when the committed files are stale')
    .option('--dir <dir>', 'schema folder', path.resolve(__dirname, '..', '..', 'schema'));
  program.parse();
  const flags = program.opts<{ check?: boolean; dir: string }>();
  let files: Record<string, string>;
  try {
    files = artifactFiles(await buildSchemaArtifacts(AGENCIES));
  } catch (error) {
    if (error instanceof CompositionError) {
      process.stderr.write(`satu-schema: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const stale = staleArtifactFiles(flags.dir, files);
  if (flags.check) {
    if (stale.length > 0) {
      process.stderr.write(`satu-schema: stale schema files (run npm run schema): ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write('satu-schema: schema files are up to date\n');
    return;
  }
  writeArtifactFiles(flags.dir, files);
  process.stdout.write(`satu-schema: wrote ${Object.keys(files).length} files to ${flags.dir} (${stale.length} changed)\n`);
}

void main();
