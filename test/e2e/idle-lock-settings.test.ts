/** Settings' "Lock after idle (minutes)" field against the real services in the browser harness. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import { useAppPerTest } from './helpers';

describe('Settings: idle lock', () => {
  const current = useAppPerTest();

  it('shows the saved minutes, names a bad value on the field, and saves a good one', async () => {
    const app = current();
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const minutes = page
      .getByRole('region', { name: 'Lock' })
      .getByLabel('Lock after idle (minutes)');
    await expect.poll(() => minutes.inputValue()).toBe('15');

    await minutes.fill('-1');
    await minutes.press('Enter');
    await page
      .getByText(
        'Enter a whole number of minutes from 0 to 1440 (a day). 0 never locks by itself.',
        {
          exact: true,
        },
      )
      .waitFor();
    await expect(minutes.getAttribute('aria-invalid')).resolves.toBe('true');

    await minutes.fill('7');
    await minutes.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'The app now locks after 7 min idle.' })
      .waitFor();
    expect(app.harness.services.services.idleLock.minutes).toBe(7);
    await app.harness.services.services.state.flush();
    const onDisk = JSON.parse(
      await readFile(join(app.harness.dataDir, STATE_FILE_NAME), 'utf8'),
    ) as { settings: { idleLockMinutes: number } };
    expect(onDisk.settings.idleLockMinutes).toBe(7);
  });
});
