/** Handlers of the CLI access-list and approval channels. */
import type { AccessList } from '../../core/cli-bridge/access-list';
import type { UiApprovalPrompt } from '../../core/cli-bridge/ui-approval-prompt';
import type { HandlerGroup } from '../router';

export interface CliAccessHandlerServices {
  cliAccess: AccessList;
  cliApprovals: UiApprovalPrompt;
}

export function cliAccessHandlers({
  cliAccess,
  cliApprovals,
}: CliAccessHandlerServices): HandlerGroup<'cli'> {
  return {
    'cli:listAllowed': async () => ({ programs: await cliAccess.list() }),
    'cli:revokeAllowed': async ({ id }) => {
      await cliAccess.revoke(id);
      return { programs: await cliAccess.list() };
    },
    'cli:answerApproval': async ({ requestId, decision, minutes }) => {
      cliApprovals.answer(requestId, decision, minutes);
      return { ok: true };
    },
  };
}
