/**
 * The admin audit log: one entry per admin action (who, where, on whom, what,
 * how it ended), appended and never rewritten. It holds no secrets: no
 * passwords, no tokens, no keys, only names and outcomes.
 */
import type { AuditEntryView } from './views';

export type AuditEntry = AuditEntryView;

export interface AuditLog {
  /** Resolves once the entry is on disk. */
  append(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  list(): Promise<AuditEntry[]>;
}

const COLUMNS = ['time', 'identity', 'pool', 'user', 'action', 'result', 'error'] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet shows it as text. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.identity,
      e.poolId,
      e.username,
      e.action,
      e.result,
      e.error ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
