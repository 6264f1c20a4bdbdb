/** The Touch ID adapter against a mocked `electron` (Electron's own API is the only mock). */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const systemPreferences = {
  canPromptTouchID: vi.fn(() => true),
  promptTouchID: vi.fn(async (_reason: string) => undefined),
};
vi.mock('electron', () => ({ systemPreferences }));

const { ElectronUserVerifier } = await import('../../src-main/electron/user-verification');

describe('ElectronUserVerifier', () => {
  beforeEach(() => {
    systemPreferences.canPromptTouchID.mockReset().mockReturnValue(true);
    systemPreferences.promptTouchID.mockReset().mockResolvedValue(undefined);
  });

  it('asks Touch ID on macOS and passes only when the prompt resolves', async () => {
    const verifier = new ElectronUserVerifier('darwin');
    expect(verifier.available()).toBe(true);
    await expect(verifier.verify('unlock Cognito Authenticator')).resolves.toBe(true);
    expect(systemPreferences.promptTouchID).toHaveBeenCalledWith('unlock Cognito Authenticator');
    systemPreferences.promptTouchID.mockRejectedValueOnce(new Error('Cancelled'));
    await expect(verifier.verify('unlock')).resolves.toBe(false);
  });

  it('is unavailable where Touch ID cannot prompt, and on other systems', async () => {
    systemPreferences.canPromptTouchID.mockReturnValue(false);
    expect(new ElectronUserVerifier('darwin').available()).toBe(false);
    systemPreferences.canPromptTouchID.mockReturnValue(true);
    const linux = new ElectronUserVerifier('linux');
    expect(linux.available()).toBe(false);
    await expect(linux.verify('unlock')).resolves.toBe(false);
    expect(systemPreferences.promptTouchID).not.toHaveBeenCalled();
  });
});
