/**
 * Decides whether a verified caller may have a secret: programs on the
 * access list may; anyone else is asked in the app (allow once, allow
 * always for this program, deny). Requests arriving from the same program
 * while its decision is open wait for that one decision instead of
 * stacking up more questions; "allow once" covers exactly those waiting
 * requests. The decision stays open until "always" is saved, so a request
 * landing between the answer and the write is not asked a second time.
 */
import type { AccessList } from './access-list';
import type { CallerIdentity } from '../ports';

export type ApprovalDecision = 'once' | 'always' | 'deny';

export interface ApprovalQuestion {
  caller: CallerIdentity;
  /** What the caller asked for, in words: "an access token for Work". */
  action: string;
  /** False when the caller could not be verified: only once or deny make sense. */
  canAllowAlways: boolean;
}

/** Implemented by the UI: shows the question and resolves with the user's answer. */
export interface ApprovalPrompt {
  ask(question: ApprovalQuestion): Promise<ApprovalDecision>;
}

interface OpenDecision {
  allowed: Promise<boolean>;
  asking: boolean;
  /** Callers to tell "look at the app" once the question goes up. */
  onAsking: (() => void)[];
}

export class CallerApprovals {
  private readonly open = new Map<string, OpenDecision>();

  constructor(
    private readonly accessList: AccessList,
    private readonly prompt: ApprovalPrompt,
  ) {}

  /** `onAsking` runs when the user has to be asked, so the caller can be told to look at the app. */
  async authorize(caller: CallerIdentity, action: string, onAsking: () => void): Promise<boolean> {
    // Unverified callers share no key, so each is asked on its own and never listed.
    if (!caller.key) {
      onAsking();
      return (await this.prompt.ask({ caller, action, canAllowAlways: false })) !== 'deny';
    }
    const decision = this.open.get(caller.key) ?? this.decide(caller.key, caller, action);
    if (decision.asking) onAsking();
    else decision.onAsking.push(onAsking);
    return decision.allowed;
  }

  private decide(key: string, caller: CallerIdentity, action: string): OpenDecision {
    const decision: OpenDecision = { allowed: Promise.resolve(false), asking: false, onAsking: [] };
    decision.allowed = (async () => {
      if (await this.accessList.isAllowed(caller)) return true;
      decision.asking = true;
      for (const tell of decision.onAsking.splice(0)) tell();
      const answer = await this.prompt.ask({ caller, action, canAllowAlways: true });
      if (answer === 'always') await this.accessList.allow(caller);
      return answer !== 'deny';
    })().finally(() => this.open.delete(key));
    this.open.set(key, decision);
    return decision;
  }
}
