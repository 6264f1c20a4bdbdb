/**
 * What every part of one user's page shares: who the user is, and how a change
 * is made — confirmed (destructive ones by typing the username back), run,
 * told, then the page reloads with what Cognito says now.
 */
import { confirmDialog } from '../../ui/dialog';
import { errorBox } from '../../ui/error-display';
import { toast } from '../../ui/live';
import { confirmTyped } from './confirm';
import type { AdminContext } from './context';

interface ChangeWords {
  title: string;
  message: string;
  confirmLabel: string;
  /** Told once the change is made. */
  done: string;
}

export interface UserContext {
  readonly admin: AdminContext;
  readonly username: string;
  readonly target: { profileId: string; username: string };
  change(o: ChangeWords & { run: () => Promise<unknown> }): Promise<void>;
  destructive(
    o: ChangeWords & { run: (typed: string) => Promise<unknown>; after?: () => void },
  ): Promise<void>;
  reload(): Promise<void>;
}

/** `status`: where a failed change is told; `reload`: draws the page again from Cognito. */
export function userContext(
  admin: AdminContext,
  username: string,
  status: HTMLElement,
  reload: () => Promise<void>,
): UserContext {
  async function run(work: () => Promise<unknown>, done: string, after?: () => void) {
    status.replaceChildren();
    try {
      await work();
      toast(done);
      if (after) after();
      else await reload();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  }
  return {
    admin,
    username,
    target: { profileId: admin.profile.id, username },
    async change(o) {
      if (!(await confirmDialog({ ...o, danger: false }))) return;
      await run(o.run, o.done);
    },
    async destructive(o) {
      const typed = await confirmTyped({ ...o, username });
      if (typed === null) return;
      await run(() => o.run(typed), o.done, o.after);
    },
    reload,
  };
}
