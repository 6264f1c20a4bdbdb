/** The CLI's own SHA-256 must name the same socket as node:crypto's does in the app. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src-main/core/cli-bridge/sha256';

const reference = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('agrees with node:crypto around every block boundary', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'a/é'.repeat(length).slice(0, length);
      expect(sha256Hex(text), `length ${length}`).toBe(reference(text));
    }
  });

  it('agrees with node:crypto on any text, paths with non-Latin names included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
