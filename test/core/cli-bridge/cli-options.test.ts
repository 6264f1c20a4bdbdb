/**
 * The CLI parses its options itself (node:util is slow to load): for the
 * token command's options it must accept exactly what util.parseArgs in
 * strict mode accepts, with the same values and arguments.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands, parseOptions } from '../../../src-main/cli/usage';

const options = commands.token!.options;
const words = [
  '--profile',
  '--profile=Work',
  '--profile=',
  '--type',
  'id',
  'access',
  '--json',
  '--json=1',
  '--no-app',
  '-h',
  '--help',
  '--',
  '-',
  '-x',
  '--bogus',
  'Work',
  '-hh',
  '--format',
  'json',
  '',
];

function outcome(run: () => { values: object; positionals: string[] }) {
  try {
    const { values, positionals } = run();
    return { values: { ...values }, positionals };
  } catch {
    return 'refused';
  }
}

describe('parseOptions', () => {
  it('accepts and refuses what util.parseArgs (strict) does, with the same result', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 6 }), (args) => {
        expect(outcome(() => parseOptions(args, options))).toEqual(
          outcome(() => parseArgs({ args, options, allowPositionals: true, strict: true })),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
