/**
 * Decides whether a verified caller may have a secret: programs on the
 * access list may, and so may a program allowed for its terminal session
 * until that grant ends; anyone else is asked in the app (allow once, allow
 * this terminal session for N minutes, allow always for this program, deny).
 * Requests arriving from the same caller while its decision is open wait for
 * that one decision instead of stacking up more questions; "allow once"
 * covers exactly those waiting requests. The decision stays open until
 * "always" is saved, so a request landing between the answer and the write
 * is not asked a second time.
 */
import type { AccessList } from './access-list';
import type { CallerIdentity } from '../ports';
import { DEFAULT_SESSION_MINUTES } from './session-grants';
import type { SessionGrants } from './session-grants';

export type ApprovalDecision = 'once' | 'session' | 'always' | 'deny';

export interface ApprovalAnswer {
  decision: ApprovalDecision;
  /** For 'session': how long the grant lasts. */
  minutes?: number;
  /** Nobody answered in time (the decision is then 'deny'). */
  timedOut?: boolean;
}

export interface ApprovalQuestion {
  caller: CallerIdentity;
  /** What the caller asked for, in words: "an access token for profile "Work"". */
  action: string;
  /** False when the caller could not be verified: only once or deny make sense. */
  canAllowAlways: boolean;
  /** False without a verified terminal or session to scope the grant to. */
  canAllowSession: boolean;
}

/** Implemented by the UI: shows the question and resolves with the user's answer. */
export interface ApprovalPrompt {
  ask(question: ApprovalQuestion): Promise<ApprovalAnswer>;
}

/** Why a request was allowed or refused, for the audit log. */
export type ApprovalRule =
  | 'access-list'
  | 'session-grant'
  | 'allowed-once'
  | 'allowed-session'
  | 'allowed-always'
  | 'denied'
  | 'timed-out';

export interface ApprovalOutcome {
  allowed: boolean;
  rule: ApprovalRule;
  /** For session grants: when the grant ends (ms since epoch). */
  until?: number;
}

interface OpenDecision {
  outcome: Promise<ApprovalOutcome>;
  asking: boolean;
  /** Callers to tell "look at the app" once the question goes up. */
  onAsking: (() => void)[];
}

export class CallerApprovals {
  private readonly open = new Map<string, OpenDecision>();

  constructor(
    private readonly accessList: AccessList,
    private readonly prompt: ApprovalPrompt,
    private readonly sessions?: SessionGrants,
  ) {}

  /** `onAsking` runs when the user has to be asked, so the caller can be told to look at the app. */
  async authorize(
    caller: CallerIdentity,
    action: string,
    onAsking: () => void,
  ): Promise<ApprovalOutcome> {
    // Unverified callers share no key, so each is asked on its own and never remembered.
    if (!caller.key) {
      onAsking();
      const answer = await this.prompt.ask({
        caller,
        action,
        canAllowAlways: false,
        canAllowSession: false,
      });
      return outcomeOf(answer.decision === 'deny' ? answer : { decision: 'once' });
    }
    const openKey = caller.sessionKey ?? caller.key;
    const decision = this.open.get(openKey) ?? this.decide(openKey, caller, action);
    if (decision.asking) onAsking();
    else decision.onAsking.push(onAsking);
    return decision.outcome;
  }

  private decide(openKey: string, caller: CallerIdentity, action: string): OpenDecision {
    const decision: OpenDecision = {
      outcome: Promise.resolve({ allowed: false, rule: 'denied' }),
      asking: false,
      onAsking: [],
    };
    decision.outcome = (async (): Promise<ApprovalOutcome> => {
      if (await this.accessList.isAllowed(caller)) return { allowed: true, rule: 'access-list' };
      const until = this.sessions?.allowedUntil(caller);
      if (until !== undefined) return { allowed: true, rule: 'session-grant', until };
      decision.asking = true;
      for (const tell of decision.onAsking.splice(0)) tell();
      const canAllowSession = Boolean(this.sessions && caller.sessionKey);
      const answer = await this.prompt.ask({
        caller,
        action,
        canAllowAlways: true,
        canAllowSession,
      });
      if (answer.decision === 'always') await this.accessList.allow(caller);
      if (answer.decision === 'session' && canAllowSession) {
        const granted = this.sessions?.allow(caller, answer.minutes ?? DEFAULT_SESSION_MINUTES);
        return { allowed: true, rule: 'allowed-session', until: granted };
      }
      return outcomeOf(answer.decision === 'session' ? { decision: 'once' } : answer);
    })().finally(() => this.open.delete(openKey));
    this.open.set(openKey, decision);
    return decision;
  }
}

function outcomeOf(answer: ApprovalAnswer): ApprovalOutcome {
  switch (answer.decision) {
    case 'deny':
      return { allowed: false, rule: answer.timedOut ? 'timed-out' : 'denied' };
    case 'always':
      return { allowed: true, rule: 'allowed-always' };
    default:
      return { allowed: true, rule: 'allowed-once' };
  }
}
