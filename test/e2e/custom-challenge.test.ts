/**
 * A custom challenge end to end: a profile switched to CUSTOM_AUTH in
 * Settings, a sign-in that asks for the username only, the pool's riddle
 * shown from its challenge parameters, a wrong answer whose error sits on the
 * answer field, then the right answer.
 */
import { describe, expect, it } from 'vitest';
import type { CustomAuthHook } from '../../emulator/index';
import { description } from './helpers';
import {
  PASSWORD,
  addProfile,
  heading,
  isFocused,
  openSignIn,
  screenshotStep,
  useEmulatorAndApp,
} from './sign-in-fixtures';

const QUESTION = 'What is 6 × 7?';

/** Asks the riddle again after a wrong answer; tokens once it is answered. */
const riddle: CustomAuthHook = {
  define: ({ userExists, rounds }) => ({
    issueTokens: rounds[rounds.length - 1]?.challengeResult === true,
    failAuthentication: !userExists,
  }),
  create: () => ({
    publicChallengeParameters: { question: QUESTION },
    privateChallengeParameters: { answer: '42' },
  }),
  verify: ({ privateChallengeParameters, answer }) =>
    answer.trim() === privateChallengeParameters.answer,
};

describe('the custom challenge screen', () => {
  const session = useEmulatorAndApp();

  it('signs in through a riddle: the question is shown, a wrong answer is flagged on the field, the right one signs in', async () => {
    const emu = await session.startEmulator({ port: 0, customAuth: riddle });
    const pool = { poolId: 'us-east-1_Riddle001', clientId: 'riddleclient00000000000000' };
    await emu.admin.seed({
      pools: [
        {
          id: pool.poolId,
          name: 'riddle',
          clients: [
            {
              id: pool.clientId,
              name: 'desktop',
              explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
          users: [{ username: 'ria', password: PASSWORD }],
        },
      ],
    });
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Sphinx');
    const { page } = app;

    // Settings: the auth-flow select offers the custom challenge and explains it in one line.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await heading(page, 'Settings');
    const card = page.getByRole('listitem', { name: 'Sphinx' });
    await card.getByRole('button', { name: 'Edit Sphinx' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Sphinx' });
    await edit.getByText('Advanced').click();
    const flow = edit.getByLabel('How you prove who you are');
    await flow.selectOption('CUSTOM_AUTH');
    const hintId = (await flow.getAttribute('aria-describedby')) ?? '';
    await expect(
      page.evaluate((id) => document.getElementById(id)?.textContent, hintId.split(' ')[0]!),
    ).resolves.toMatch(/^No password here: the pool’s Lambda triggers ask their own questions/);
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await edit.waitFor({ state: 'detached' });
    await card.getByText('Custom challenge (CUSTOM_AUTH)').waitFor();
    // The "Saved" toast is gone before the screenshot below.
    await page.getByText('Saved Sphinx.').waitFor({ state: 'detached' });

    // The username is all the first step asks for.
    await openSignIn(page);
    await page.getByRole('button', { name: /^Sphinx\b/ }).click();
    await heading(page, 'Sign in to Sphinx');
    await expect(page.getByLabel('Password', { exact: true }).count()).resolves.toBe(0);
    await page.getByLabel('Username or email').fill('ria');
    await page.keyboard.press('Enter');

    // The pool's riddle, from the challenge parameters; focus is on the answer.
    await heading(page, 'Answer the sign-in challenge');
    const details = page.getByRole('definition').filter({ hasText: QUESTION });
    await expect(details.count()).resolves.toBe(1);
    await expect(page.getByRole('term').allTextContents()).resolves.toEqual(['question']);
    await expect(isFocused(page, 'Your answer')).resolves.toBe(true);

    // A wrong answer: the pool asks again, and the error is tied to the field.
    const answer = page.getByLabel('Your answer', { exact: true });
    await answer.fill('41');
    await page.keyboard.press('Enter');
    await page.getByText('That answer was not accepted. Check it and try again.').waitFor();
    await expect(answer.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorText = await description(answer);
    expect(errorText).toContain('That answer was not accepted');
    expect(errorText).not.toContain('CUSTOM_ANSWER_REJECTED');
    await page.getByText('Details: CUSTOM_ANSWER_REJECTED').waitFor();
    await expect(answer.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshotStep(page, 'signin-custom-challenge');

    await answer.fill('42');
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as ria');
  });
});
