import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { LineageInputError } from '../../lineage/lineage-input-error';
import { renderFieldLineageText, renderHistoryText } from '../../lineage/lineage-text';
import { openLineageJobEvent } from '../../lineage/openlineage-export';
import { SchemaLineage } from '../../lineage/schema-lineage';
import { openCommandRegistry, type RegistryCommandDeps } from '../../registry/cli-support';
import { RegistryError } from '../../registry/errors';
import type { RegistryStore } from '../../registry/registry.store';
import type { CliIo, SatuCommand } from '../satu';

/**
 * `satu lineage Citizen.vehicles`: who owns a field, where its value comes from, how it is
 * classified, the version that introduced it and every change since. `--subgraph NAME` prints a
 * subgraph's published versions; `--openlineage FILE` writes the field-to-source map as an
 * OpenLineage JobEvent with column lineage. Reads the registry's current supergraph; stores nothing.
 */

export interface LineageArgs {
  coordinate?: string;
  subgraph?: string;
  openlineage?: string;
  json?: boolean;
}

export const LINEAGE_EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const USAGE = 'give one of: a field coordinate (satu lineage Citizen.vehicles), --subgraph NAME, or --openlineage FILE';

/** Writes the OpenLineage export and says what it holds. */
async function exportOpenLineage(file: string, json: boolean, lineage: SchemaLineage, io: CliIo, now: Date): Promise<void> {
  const overview = await lineage.overview();
  const event = openLineageJobEvent(overview, { eventTime: overview.composedAt ?? now.toISOString() });
  try {
    writeFileSync(file, `${JSON.stringify(event, null, 2)}\n`);
  } catch (error) {
    throw new LineageInputError(`cannot write ${file}: ${(error as Error).message}`);
  }
  const summary = {
    file,
    inputs: event.inputs.length,
    outputs: event.outputs.length,
    fieldsWithLineage: event.outputs.reduce((sum, output) => sum + Object.keys(output.facets.columnLineage?.fields ?? {}).length, 0),
    registryAvailable: overview.registryAvailable,
  };
  io.stdout(
    json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `wrote an OpenLineage JobEvent to ${file}: ${summary.fieldsWithLineage} fields traced to ${summary.inputs} legacy operations, over ${summary.outputs} graph types\n`,
  );
}

async function printHistory(subgraph: string, json: boolean, lineage: SchemaLineage, io: CliIo): Promise<void> {
  const history = await lineage.history(subgraph);
  io.stdout(json ? `${JSON.stringify({ subgraph: subgraph.trim(), ...history }, null, 2)}\n` : renderHistoryText(subgraph.trim(), history.versions, history.notes));
}

async function printField(coordinate: string, json: boolean, lineage: SchemaLineage, io: CliIo): Promise<void> {
  const field = await lineage.field(coordinate);
  io.stdout(json ? `${JSON.stringify(field, null, 2)}\n` : renderFieldLineageText(field));
}

export async function runLineage(args: LineageArgs, io: CliIo, deps: RegistryCommandDeps = {}): Promise<number> {
  const asked = [args.coordinate, args.subgraph, args.openlineage].filter((value) => value !== undefined);
  if (asked.length !== 1) {
    io.stderr(`satu lineage: ${asked.length === 0 ? USAGE : `ask one thing at a time: ${USAGE}`}\n`);
    return LINEAGE_EXIT.badInput;
  }
  if (args.openlineage !== undefined && args.openlineage.trim() === '') {
    io.stderr('satu lineage: --openlineage needs a file name, e.g. --openlineage satu-lineage.json\n');
    return LINEAGE_EXIT.badInput;
  }
  let registry: RegistryStore | undefined = deps.registry;
  try {
    registry ??= await openCommandRegistry(deps.env ?? process.env);
    const supergraph = await registry.currentSupergraph();
    if (!supergraph) {
      io.stderr('satu lineage: the registry holds no supergraph yet: publish a subgraph first (satu publish)\n');
      return LINEAGE_EXIT.failed;
    }
    const lineage = new SchemaLineage({
      registry,
      supergraphSdl: () => supergraph.sdl,
      logger: { warn: (details, message) => io.stderr(`satu lineage: ${message} (${String(details.err ?? '')})\n`) },
    });
    const json = args.json === true;
    if (args.openlineage !== undefined) await exportOpenLineage(args.openlineage, json, lineage, io, deps.now ?? new Date());
    else if (args.subgraph !== undefined) await printHistory(args.subgraph, json, lineage, io);
    else await printField(args.coordinate ?? '', json, lineage, io);
    return LINEAGE_EXIT.ok;
  } catch (error) {
    if (error instanceof LineageInputError) {
      io.stderr(`satu lineage: ${error.message}\n`);
      return LINEAGE_EXIT.badInput;
    }
    if (error instanceof RegistryError) {
      io.stderr(`satu lineage: ${error.message}\n`);
      return error.code === 'BAD_INPUT' ? LINEAGE_EXIT.badInput : LINEAGE_EXIT.failed;
    }
    throw error;
  } finally {
    if (registry && registry !== deps.registry) await registry.close();
  }
}

export const lineageCommand: SatuCommand = {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void {
    program
      .command('lineage')
      .description("schema lineage for auditors: a field's owners, legacy source, classification and history; a subgraph's versions; an OpenLineage export")
      .argument('[coordinate]', 'a field coordinate, Type.field (Citizen.vehicles)')
      .option('--subgraph <name>', "print the subgraph's published versions and their changes instead")
      .option('--openlineage <file>', 'write the field-to-source map as an OpenLineage JobEvent with column lineage to FILE')
      .option('--json', 'print the answer as JSON')
      .addHelpText(
        'after',
        '\nExamples:\n  satu lineage Citizen.vehicles\n  satu lineage Vehicle.ownerName --json\n  satu lineage --subgraph imigrasi\n  satu lineage --openlineage satu-lineage.json\n\n' +
          'Exit codes: 0 answered; 1 the registry could not be used; 2 bad input (malformed or unknown coordinate, with close matches; unknown subgraph; unwritable file).\n' +
          'Registry: SATU_DATABASE_URL (postgres:// URL or SQLite path), default data/registry.sqlite, seeded from the catalogue when fresh.\n',
      )
      .action(async (coordinate: string | undefined, options: Omit<LineageArgs, 'coordinate'>) => {
        done(await runLineage({ ...options, coordinate }, io));
      });
  },
};
