/** The CLI audit log, for Settings → Command-line access. */
import type { AuditLog } from '../../core/cli-bridge/audit-log';
import type { HandlerGroup } from '../router';

export interface CliAuditHandlerServices {
  cliAudit: AuditLog;
}

export function cliAuditHandlers(services: CliAuditHandlerServices): HandlerGroup<'cliAudit'> {
  return {
    'cliAudit:list': async (filter) => ({ entries: await services.cliAudit.list(filter) }),
  };
}
