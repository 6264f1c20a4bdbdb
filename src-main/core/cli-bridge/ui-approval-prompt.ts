/**
 * The ApprovalPrompt the app's window answers: each question goes out as an
 * event with a request id, and the window replies through a channel
 * (`cli:answerApproval`). Unanswered questions are denied after a timeout
 * and withdrawn, so a forgotten prompt never grants anything.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type {
  ApprovalAnswer,
  ApprovalDecision,
  ApprovalPrompt,
  ApprovalQuestion,
} from './approvals';
import { DEFAULT_SESSION_MINUTES, MAX_SESSION_MINUTES, terminalOf } from './session-grants';

export interface ApprovalRequestedEvent {
  requestId: string;
  action: string;
  /** Executable path of the program that ran the CLI ('unknown' when unverified). */
  program: string;
  programPid: number;
  /** Executable path of that program's parent, when known. */
  parent?: string;
  /** The working directory the command was run in, when known. */
  cwd?: string;
  /** The terminal ("/dev/pts/3") or "session <id>" a session grant would cover, when known. */
  terminal?: string;
  canAllowAlways: boolean;
  canAllowSession: boolean;
  /** The minutes "allow this terminal session" offers first. */
  sessionMinutes: number;
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
      resolve: (answer: ApprovalAnswer) => void;
      timer: ReturnType<typeof setTimeout>;
      canAllowAlways: boolean;
      canAllowSession: boolean;
    }
  >();

  constructor(private readonly options: UiApprovalPromptOptions) {}

  ask(question: ApprovalQuestion): Promise<ApprovalAnswer> {
    const requestId = randomUUID();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
    const now = this.options.now ?? Date.now;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(requestId, { decision: 'deny', timedOut: true }, 'timeout'),
        timeoutMs,
      );
      this.pending.set(requestId, {
        resolve,
        timer,
        canAllowAlways: question.canAllowAlways,
        canAllowSession: question.canAllowSession,
      });
      const { caller } = question;
      const event: ApprovalRequestedEvent = {
        requestId,
        action: question.action,
        program: caller.program.exe,
        programPid: caller.program.pid,
        canAllowAlways: question.canAllowAlways,
        canAllowSession: question.canAllowSession,
        sessionMinutes: DEFAULT_SESSION_MINUTES,
        expiresAt: now() + timeoutMs,
      };
      if (caller.parent) event.parent = caller.parent.exe;
      if (caller.cwd) event.cwd = caller.cwd;
      const terminal = terminalOf(caller);
      if (terminal) event.terminal = terminal;
      this.options.requested(event);
    });
  }

  /** The window's answer; `minutes` for 'session'. */
  answer(requestId: string, decision: ApprovalDecision, minutes?: number): void {
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
    if (decision === 'session' && !entry.canAllowSession) {
      throw new AppError({
        code: 'INVALID_REQUEST',
        message:
          'This program has no terminal or session the app could verify, so it cannot be allowed for a session.',
      });
    }
    if (
      minutes !== undefined &&
      (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SESSION_MINUTES)
    ) {
      throw new AppError({
        code: 'INVALID_REQUEST',
        message: `Choose from 1 to ${MAX_SESSION_MINUTES} minutes for a session.`,
      });
    }
    this.settle(
      requestId,
      decision === 'session' ? { decision, minutes } : { decision },
      'answered',
    );
  }

  /** Denies everything still open (lock, quit). */
  denyAll(): void {
    for (const requestId of [...this.pending.keys()])
      this.settle(requestId, { decision: 'deny' }, 'answered');
  }

  private settle(
    requestId: string,
    answer: ApprovalAnswer,
    reason: ApprovalSettledEvent['reason'],
  ): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    entry.resolve(answer);
    this.options.settled({ requestId, decision: answer.decision, reason });
  }
}

/** The desktop notification shown when a question goes up while the window is out of sight. */
export function approvalNotice(event: ApprovalRequestedEvent): { title: string; body: string } {
  const program =
    event.program === 'unknown' ? 'A program' : (event.program.split(/[\\/]/).pop() ?? 'A program');
  return {
    title: 'A program is waiting for your answer',
    body: `${program} asks for ${event.action}. Answer in the Cognito Authenticator window.`,
  };
}
