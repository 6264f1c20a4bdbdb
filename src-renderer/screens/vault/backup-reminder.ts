/** A quiet banner when the user asked to be reminded and no backup was made for that long. */
import { call } from '../../api';
import { h } from '../../ui/dom';
import { openBackup } from './backup-dialogs';

export interface BackupReminder {
  readonly element: HTMLElement;
  check(): Promise<void>;
}

export function backupReminder(): BackupReminder {
  const text = h('p', {});
  const button = h('button', { type: 'button', class: 'button small' }, 'Back up now…');
  const element = h('div', { class: 'panel notice', role: 'status', hidden: true }, text, button);
  const check = async (): Promise<void> => {
    try {
      const s = await call('backup:getSettings', {});
      element.hidden = !s.due;
      text.textContent = s.lastBackupAt
        ? `Your last backup is more than ${s.reminderDays} days old.`
        : 'You asked to be reminded to back up, and there is no backup yet.';
    } catch {
      element.hidden = true;
    }
  };
  button.addEventListener('click', () => void openBackup().then(() => check()));
  return { element, check };
}
