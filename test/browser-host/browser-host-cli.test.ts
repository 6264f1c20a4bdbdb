/**
 * The browser host runs the same CLI bridge as the app: the built
 * `cognito-auth` finds it from the data folder and keychain service the host
 * prints, and its approval question is the page's to answer.
 * Run under scripts/with-keyring.sh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../browser-host/server';
import type { Harness } from '../../browser-host/server';
import type { ApprovalRequestedEvent } from '../../src-main/core/cli-bridge/ui-approval-prompt';
import { assertCliBuilt, runCli } from '../cli/run-cli';
import type { CliEnv } from '../cli/run-cli';

let host: Harness;
let env: CliEnv;

beforeAll(async () => {
  assertCliBuilt();
  host = await startHarness({ cli: true, demo: true });
  env = {
    dataDir: host.dataDir,
    runtimeDir: '',
    keychainService: host.keychainService,
    extra: { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR },
  };
}, 30_000);

afterAll(() => host?.close());

describe('cognito-auth against the browser host', () => {
  it('lists the demo profiles and asks in the page before handing out a secret', async () => {
    const profiles = await runCli(['profiles', '--json'], env);
    expect(profiles.code, profiles.stderr).toBe(0);
    expect(JSON.parse(profiles.stdout)).toMatchObject({
      profiles: [
        { id: 'demo', signedIn: false },
        { id: 'demo-new-hire', signedIn: false },
        { id: 'demo-passwordless', signedIn: false },
      ],
    });

    const asked: ApprovalRequestedEvent[] = [];
    const off = host.services.subscribe((event, payload) => {
      if (event !== 'cli:approvalRequested') return;
      asked.push(payload as ApprovalRequestedEvent);
      void host.services.dispatch('cli:answerApproval', {
        requestId: (payload as ApprovalRequestedEvent).requestId,
        decision: 'once',
      });
    });
    try {
      const token = await runCli(['token'], env);
      expect(asked.map((q) => q.action)).toEqual(['an ID token for the default profile']);
      expect(token).toMatchObject({ code: 4, stdout: '' });
      expect(token.stderr).toContain('is not signed in');
    } finally {
      off();
    }
  });
});
