/** What a row's buttons and menu do: copy, next HOTP code, rename, groups, re-enroll, move, delete. */
import type { VaultAccountView } from '../../../src-main/ipc/contract';
import { ApiError, call } from '../../api';
import { errorDetails } from '../../ui/field';
import { spacedCode } from '../../ui/format';
import { announce, toast } from '../../ui/live';
import { accountLabel } from './account-row';
import type { AccountRow, RowActions } from './account-row';
import { confirmDelete, openGroups, openRename, openReenroll } from './manage-dialogs';

/** The list as the actions need it. */
export interface RowActionContext {
  accounts(): VaultAccountView[];
  setAccounts(accounts: VaultAccountView[]): void;
  /** Rows shown (filter applied), in display order. */
  visibleRows(): AccountRow[];
  updateRow(view: VaultAccountView): void;
  render(): void;
  refresh(): Promise<void>;
  focusRow(id: string | undefined): void;
  /** Where focus goes when the last row is gone. */
  focusFallback(): void;
  /** Moving is only meaningful in the manual order. */
  manualOrder(): boolean;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.info.message} ${errorDetails(e.info)}`;
  return e instanceof Error ? e.message : String(e);
}

export function rowActions(ctx: RowActionContext): RowActions {
  let moves = Promise.resolve();
  const refreshAndFocus = (id: string) => void ctx.refresh().then(() => ctx.focusRow(id));

  async function moveNow(id: string, delta: -1 | 1): Promise<void> {
    const accounts = ctx.accounts();
    const view = accounts.find((a) => a.id === id);
    const visible = ctx.visibleRows();
    const neighbour = visible[visible.findIndex((r) => r.view.id === id) + delta];
    if (!view || !neighbour) return;
    const rest = accounts.filter((a) => a.id !== id);
    const at = rest.findIndex((a) => a.id === neighbour.view.id) + (delta > 0 ? 1 : 0);
    const reordered = [...rest.slice(0, at), view, ...rest.slice(at)];
    try {
      await call('vault:reorder', { ids: reordered.map((a) => a.id) });
    } catch (e) {
      toast(`Could not move the account. ${errorText(e)}`, 'error');
      return;
    }
    ctx.setAccounts(reordered);
    ctx.render();
    ctx.focusRow(id);
    announce(`${accountLabel(view)} moved to position ${at + 1} of ${reordered.length}.`);
  }

  return {
    async copy(view, which) {
      try {
        const receipt = await call('vault:copyCode', { id: view.id, which });
        toast(
          receipt.clearsInSeconds > 0
            ? `Copied — clears in ${receipt.clearsInSeconds} s`
            : 'Copied',
        );
      } catch (e) {
        toast(`Could not copy the code. ${errorText(e)}`, 'error');
      }
    },
    async nextHotp(view) {
      try {
        const next = await call('vault:nextHotp', { id: view.id });
        ctx.setAccounts(ctx.accounts().map((a) => (a.id === next.id ? next : a)));
        ctx.updateRow(next);
        announce(
          next.problem
            ? next.problem.message
            : `New code for ${accountLabel(next)}: ${spacedCode(next.code)}`,
        );
      } catch (e) {
        toast(`Could not make the next code. ${errorText(e)}`, 'error');
      }
    },
    rename(view) {
      openRename(view, (renamed) => {
        toast(`Renamed to ${accountLabel(renamed)}`);
        refreshAndFocus(renamed.id);
      });
    },
    editGroups(view) {
      openGroups(view, (updated) => {
        toast(`Groups of ${accountLabel(updated)} saved`);
        refreshAndFocus(updated.id);
      });
    },
    reenroll(view) {
      openReenroll(view, (updated) => {
        toast(`New setup key saved for ${accountLabel(updated)}`);
        refreshAndFocus(updated.id);
      }).catch((e: unknown) => toast(`Could not re-enroll. ${errorText(e)}`, 'error'));
    },
    canMove(view, delta) {
      if (!ctx.manualOrder()) return false;
      const visible = ctx.visibleRows();
      const i = visible.findIndex((r) => r.view.id === view.id);
      return i >= 0 && visible[i + delta] !== undefined;
    },
    move(view, delta) {
      if (!ctx.manualOrder()) {
        toast('Choose “My order” to move accounts.');
        return;
      }
      // Moves run one after another, each on the order the previous one left,
      // so quick repeated Alt+↑ presses all count.
      moves = moves.then(() => moveNow(view.id, delta));
    },
    async remove(view) {
      try {
        const index = ctx.visibleRows().findIndex((r) => r.view.id === view.id);
        if (!(await confirmDelete(view))) return;
        toast(`Moved ${accountLabel(view)} to the Trash`);
        await ctx.refresh();
        const visible = ctx.visibleRows();
        const next = visible[Math.min(index, visible.length - 1)];
        if (next) ctx.focusRow(next.view.id);
        else ctx.focusFallback();
      } catch (e) {
        toast(`Could not delete the account. ${errorText(e)}`, 'error');
      }
    },
  };
}
