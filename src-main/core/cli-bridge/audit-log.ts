/**
 * The record of what the bridge handed to whom, and what it refused: time,
 * program, parent, working directory, terminal, what was asked, the decision
 * and the rule that made it. Entries hold names and paths only, never a token
 * or a code; the store keeps them in a local file.
 */
import type { ApprovalRule } from './approvals';
import { describeCall, needsApproval } from './calls';
import type { CallerIdentity } from '../ports';
import type { ApprovalOutcome } from './approvals';
import type { BridgeCall, BridgeError } from './protocol';
import { terminalOf } from './session-grants';

export interface BridgeAuditRecord {
  /** Absent when the request could not be read (not JSON, too long, not a call). */
  call?: BridgeCall;
  /** Absent when the request failed before the caller was identified. */
  caller?: CallerIdentity;
  /** Absent when no approval was needed or it was never reached. */
  outcome?: ApprovalOutcome;
  error?: BridgeError;
}

export type AuditDecision = 'handed-out' | 'refused' | 'failed';

export type AuditRule =
  ApprovalRule | 'no-approval-needed' | 'bad-access-key' | 'caller-unverified' | 'locked' | 'error';

export interface AuditEntry {
  /** ms since epoch. */
  at: number;
  /** The program that ran the CLI, by executable path ('unknown' when not identified). */
  program: string;
  parent?: string;
  cwd?: string;
  terminal?: string;
  /** What was asked, in words. */
  what: string;
  decision: AuditDecision;
  rule: AuditRule;
  /** For refusals and failures: the reason, as the CLI was told it (no secrets). */
  detail?: string;
  /** For session grants: when the grant ends. */
  until?: number;
}

/** Where entries are kept; the Node adapter appends them to a file. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  read(): Promise<AuditEntry[]>;
}

export const UNREADABLE_REQUEST = 'a request the app could not read';

export function auditEntryFor(record: BridgeAuditRecord, at: number): AuditEntry {
  const { call, caller, outcome, error } = record;
  const entry: AuditEntry = {
    at,
    program: caller?.program.exe ?? 'unknown',
    what: call ? describeCall(call) : UNREADABLE_REQUEST,
    decision: 'handed-out',
    rule: call && !needsApproval(call) ? 'no-approval-needed' : (outcome?.rule ?? 'error'),
  };
  if (caller?.parent) entry.parent = caller.parent.exe;
  if (caller?.cwd) entry.cwd = caller.cwd;
  const terminal = caller ? terminalOf(caller) : '';
  if (terminal) entry.terminal = terminal;
  if (outcome?.until !== undefined) entry.until = outcome.until;
  if (!error) return entry;
  entry.detail = error.message;
  if (outcome && !outcome.allowed) entry.decision = 'refused';
  else if (error.code === 'UNAUTHORIZED')
    Object.assign(entry, { decision: 'refused', rule: 'bad-access-key' });
  else if (error.code === 'CALLER_UNVERIFIED')
    Object.assign(entry, { decision: 'refused', rule: 'caller-unverified' });
  else if (error.code === 'LOCKED') Object.assign(entry, { decision: 'refused', rule: 'locked' });
  else entry.decision = 'failed';
  return entry;
}

export interface AuditFilter {
  /** Matched case-insensitively against program, parent, working directory and what was asked. */
  text?: string;
  decision?: AuditDecision;
}

export function filterAudit(entries: AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const text = filter.text?.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (!filter.decision || e.decision === filter.decision) &&
      (!text ||
        [e.program, e.parent, e.cwd, e.terminal, e.what, e.detail].some((field) =>
          field?.toLowerCase().includes(text),
        )),
  );
}

/** Appends in order, one write at a time, and tells listeners after each. */
export class AuditLog {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AuditStore,
    private readonly onAppended: () => void = () => {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  record(entry: AuditEntry): Promise<void> {
    this.writing = this.writing
      .then(() => this.store.append(entry))
      .then(this.onAppended, this.onError);
    return this.writing;
  }

  /** Newest first, at most `limit`. */
  async list(filter: AuditFilter = {}, limit = 500): Promise<AuditEntry[]> {
    await this.writing;
    return filterAudit(await this.store.read(), filter)
      .reverse()
      .slice(0, limit);
  }
}
