/**
 * The whole app with its CLI bridge on a private socket, for the CLI's end-to-end
 * tests: keychain-backed stores under the run's own keychain service, and every
 * approval question answered "always" through the real channel (the window's part).
 */
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import type { ApprovalRequestedEvent } from '../../src-main/core/cli-bridge/ui-approval-prompt';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { createKeytarSecretStore } from '../../src-main/node/secrets';
import type { KeytarKeychain } from '../../src-main/node/secrets';
import type { CliEnv } from './run-cli';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';

export interface BridgeAppOptions {
  env: CliEnv;
  keychain: KeytarKeychain;
  now: () => number;
  /** Each question the app asked, in order. */
  approvals: ApprovalRequestedEvent[];
}

export async function openAppWithBridge(o: BridgeAppOptions): Promise<AppServices> {
  const services = await createAppServices({
    dataDir: o.env.dataDir,
    secretStore: createKeytarSecretStore(o.env.dataDir, { service: o.env.keychainService }),
    clipboard: new MemoryClipboard(),
    clock: { now: o.now },
    cliBridge: {
      endpoint: bridgeEndpoint({
        platform: 'linux',
        runtimeDir: o.env.runtimeDir,
        dataDir: o.env.dataDir,
      }),
      keychain: o.keychain,
    },
  });
  services.subscribe((event, payload) => {
    if (event !== 'cli:approvalRequested') return;
    const question = payload as ApprovalRequestedEvent;
    o.approvals.push(question);
    void services.dispatch('cli:answerApproval', {
      requestId: question.requestId,
      decision: 'always',
    });
  });
  return services;
}
