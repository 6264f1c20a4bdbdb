/**
 * Decides whether a verified caller may have a secret: programs on the
 * access list may; anyone else is asked in the app (allow once, allow
 * always for this program, deny). Requests arriving from the same program
 * while its question is open wait for that one answer instead of stacking
 * up more questions; "allow once" covers exactly those waiting requests.
 */
import type { AccessList } from './access-list';
import type { CallerIdentity } from './caller';

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

export class CallerApprovals {
  private readonly open = new Map<string, Promise<ApprovalDecision>>();

  constructor(
    private readonly accessList: AccessList,
    private readonly prompt: ApprovalPrompt,
  ) {}

  /** `onAsking` runs when the user has to be asked, so the caller can be told to look at the app. */
  async authorize(caller: CallerIdentity, action: string, onAsking: () => void): Promise<boolean> {
    if (await this.accessList.isAllowed(caller)) return true;
    onAsking();
    const decision = await this.askOnce(caller, action);
    if (decision === 'always') await this.accessList.allow(caller);
    return decision !== 'deny';
  }

  private askOnce(caller: CallerIdentity, action: string): Promise<ApprovalDecision> {
    // Unverified callers share no key, so each is asked on its own.
    if (!caller.key) return this.prompt.ask({ caller, action, canAllowAlways: false });
    const pending = this.open.get(caller.key);
    if (pending) return pending;
    const asked = this.prompt
      .ask({ caller, action, canAllowAlways: true })
      .finally(() => this.open.delete(caller.key as string));
    this.open.set(caller.key, asked);
    return asked;
  }
}
