import type { Command } from 'commander';
import { COMPARED_ATTRIBUTES, compareAttribute, isComparedAttribute } from '../../crosscheck';
import type { CliIo, SatuCommand } from '../satu';

/**
 * `satu compare --attribute FULL_NAME "MUHAMMAD RIZKI" "MUH. RIZKI"`: runs the crosscheck's
 * comparison engine on two values, the civil registry's first and the agency's second, and prints
 * the verdict and its reason (`--json`: one JSON object). Exit code 0 whatever the verdict (the
 * command answers a question, it does not judge a dataset), 1 on MISMATCH with --fail-on-mismatch,
 * 2 when the attribute or a value is missing or the attribute is unknown.
 */

export interface CompareArgs {
  attribute?: string;
  registryValue?: string;
  agencyValue?: string;
  json?: boolean;
  failOnMismatch?: boolean;
}

const ATTRIBUTE_SEPARATORS = /[-\s]+/g;
const USAGE_EXAMPLE = 'satu compare --attribute FULL_NAME "MUHAMMAD RIZKI" "MUH. RIZKI"';

/** The command's logic, without commander: returns the exit code. */
export function runCompare(args: CompareArgs, io: CliIo): number {
  const valid = `valid attributes: ${COMPARED_ATTRIBUTES.join(', ')}`;
  if (args.attribute === undefined || args.attribute.trim() === '') {
    io.stderr(`satu compare: say which attribute to compare with --attribute; ${valid}\n  e.g. ${USAGE_EXAMPLE}\n`);
    return 2;
  }
  // Accept full_name and full-name for FULL_NAME: operators type these by hand.
  const attribute = args.attribute.trim().toUpperCase().replace(ATTRIBUTE_SEPARATORS, '_');
  if (!isComparedAttribute(attribute)) {
    io.stderr(`satu compare: unknown attribute ${JSON.stringify(args.attribute)}; ${valid}\n`);
    return 2;
  }
  if (args.registryValue === undefined || args.agencyValue === undefined) {
    const missing = args.registryValue === undefined ? "the registry's value and the agency's value" : "the agency's value";
    io.stderr(`satu compare: missing ${missing}: give the registry's value first, then the agency's\n  e.g. ${USAGE_EXAMPLE}\n  ${valid}\n`);
    return 2;
  }
  const result = compareAttribute(attribute, args.registryValue, args.agencyValue);
  if (args.json) {
    const answer = { attribute, registryValue: args.registryValue, agencyValue: args.agencyValue, verdict: result.verdict, rule: result.rule, reason: result.reason };
    io.stdout(`${JSON.stringify(answer)}\n`);
  } else {
    io.stdout(`${result.verdict}  ${result.reason}\n`);
  }
  return args.failOnMismatch && result.verdict === 'MISMATCH' ? 1 : 0;
}

export const compareCommand: SatuCommand = {
  register(program: Command, io: CliIo, done: (exitCode: number) => void): void {
    program
      .command('compare')
      .description("compare the civil registry's value of an identity attribute with an agency's copy: MATCH, VARIANT, MISMATCH or INCOMPLETE, and why")
      .argument('[registryValue]', "the civil registry's value (the reference)")
      .argument('[agencyValue]', "the agency's copy")
      .option('-a, --attribute <name>', `the identity attribute: ${COMPARED_ATTRIBUTES.join(', ')}`)
      .option('--json', 'print one JSON object: attribute, registryValue, agencyValue, verdict, rule, reason')
      .option('--fail-on-mismatch', 'exit with code 1 when the verdict is MISMATCH')
      .addHelpText(
        'after',
        `\nExample:\n  ${USAGE_EXAMPLE}\n  VARIANT  "MUH." is an abbreviation of "MUHAMMAD"\n\n` +
          'Exit codes: 0 whatever the verdict; 1 on MISMATCH with --fail-on-mismatch; 2 for a missing or unknown attribute or a missing value.\n' +
          'Rules and judgment calls: gateway/crosscheck/README.md.\n',
      )
      .action((registryValue: string | undefined, agencyValue: string | undefined, options: { attribute?: string; json?: boolean; failOnMismatch?: boolean }) => {
        done(runCompare({ ...options, registryValue, agencyValue }, io));
      });
  },
};
