/**
 * The ApprovalPrompt the app's window answers: each question goes out as an
 * event with a request id, and the window replies through a channel
 * (`cli:answerApproval`). Unanswered questions are denied after a timeout
 * and withdrawn, so a forgotten prompt never grants anything.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { ApprovalDecision, ApprovalPrompt, ApprovalQuestion } from './approvals';

export interface ApprovalRequestedEvent {
  requestId: string;
  action: string;
  /** Executable path of the program that ran the CLI ('unknown' when unverified). */
  program: string;
  programPid: number;
  /** Executable path of that program's parent, when known. */
  parent?: string;
  canAllowAlways: boolean;
  /** ms since epoch after which the question is withdrawn and the request denied. */
  expiresAt: number;
}

export interface ApprovalSettledEvent {
  requestId: string;
  decision: ApprovalDecision;
  /** 'timeout' when nobody answered. */
  reason: 'answered' | 'timeout';
}

export interface UiApprovalPromptOptions {
  requested: (event: ApprovalRequestedEvent) => void;
  settled: (event: ApprovalSettledEvent) => void;
  timeoutMs?: number;
  now?: () => number;
}

export const DEFAULT_APPROVAL_TIMEOUT_MS = 60_000;

export class UiApprovalPrompt implements ApprovalPrompt {
  private readonly pending = new Map<
    string,
    {
      resolve: (d: ApprovalDecision) => void;
      timer: ReturnType<typeof setTimeout>;
      canAllowAlways: boolean;
    }
  >();

  constructor(private readonly options: UiApprovalPromptOptions) {}

  ask(question: ApprovalQuestion): Promise<ApprovalDecision> {
    const requestId = randomUUID();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
    const now = this.options.now ?? Date.now;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(requestId, 'deny', 'timeout'), timeoutMs);
      this.pending.set(requestId, { resolve, timer, canAllowAlways: question.canAllowAlways });
      const event: ApprovalRequestedEvent = {
        requestId,
        action: question.action,
        program: question.caller.program.exe,
        programPid: question.caller.program.pid,
        canAllowAlways: question.canAllowAlways,
        expiresAt: now() + timeoutMs,
      };
      if (question.caller.parent) event.parent = question.caller.parent.exe;
      this.options.requested(event);
    });
  }

  /** The window's answer. */
  answer(requestId: string, decision: ApprovalDecision): void {
    const entry = this.pending.get(requestId);
    if (!entry) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: 'This request is no longer waiting: it was answered already or timed out.',
      });
    }
    if (decision === 'always' && !entry.canAllowAlways) {
      throw new AppError({
        code: 'INVALID_REQUEST',
        message:
          'This program could not be identified for certain, so it can only be allowed once.',
      });
    }
    this.settle(requestId, decision, 'answered');
  }

  /** Denies everything still open (lock, quit). */
  denyAll(): void {
    for (const requestId of [...this.pending.keys()]) this.settle(requestId, 'deny', 'answered');
  }

  private settle(
    requestId: string,
    decision: ApprovalDecision,
    reason: ApprovalSettledEvent['reason'],
  ): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    entry.resolve(decision);
    this.options.settled({ requestId, decision, reason });
  }
}
