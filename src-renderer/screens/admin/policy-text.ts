import type { PoolOverviewView } from '../../../src-main/ipc/contract';

/** The pool's password rules in one sentence, as the admin tells the user. */
export function describePolicy(p: PoolOverviewView['passwordPolicy']): string {
  const needs = [
    p.requireLowercase && 'a lowercase letter',
    p.requireUppercase && 'an uppercase letter',
    p.requireNumbers && 'a number',
    p.requireSymbols && 'a symbol',
  ].filter((s): s is string => typeof s === 'string');
  const rest = needs.length ? `, with ${needs.join(', ')}` : '';
  const days =
    p.temporaryPasswordValidityDays !== undefined
      ? ` A temporary password works for ${p.temporaryPasswordValidityDays} days.`
      : '';
  return `Passwords need at least ${p.minimumLength} characters${rest}.${days}`;
}
