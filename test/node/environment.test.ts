import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYCHAIN_SERVICE } from '../../src-main/node/keychain';
import { readEnvironment } from '../../src-main/node/environment';

describe('the environment, read once for the app, the browser host and the CLI', () => {
  it('takes the data folder and keychain service from their variables', () => {
    const environment = readEnvironment(
      {
        AUTHENTICATOR_USER_DATA_DIR: 'relative/data',
        AUTHENTICATOR_KEYCHAIN_SERVICE: 'tests-1',
        XDG_RUNTIME_DIR: '/run/user/1000',
      },
      'linux',
    );
    expect(environment.dataDirOverride).toBe(`${process.cwd()}/relative/data`);
    expect(environment.dataDir).toBe(environment.dataDirOverride);
    expect(environment.keychainService).toBe('tests-1');
    expect(environment.keychainServiceChosen).toBe(true);
    expect(environment.endpointFor('/d').dir).toBe('/run/user/1000/cognito-auth');
  });

  it('treats an empty variable as unset, so every part lands in the same keychain service', () => {
    const environment = readEnvironment(
      {
        AUTHENTICATOR_USER_DATA_DIR: '',
        AUTHENTICATOR_KEYCHAIN_SERVICE: '',
        XDG_CONFIG_HOME: '/cfg',
        ELECTRON_RENDERER_URL: '',
      },
      'linux',
    );
    expect(environment.dataDirOverride).toBeUndefined();
    expect(environment.dataDir).toBe('/cfg/cognito-desktop-authenticator');
    expect(environment.keychainService).toBe(DEFAULT_KEYCHAIN_SERVICE);
    expect(environment.keychainServiceChosen).toBe(false);
    expect(environment.rendererUrl).toBeUndefined();
  });

  it('puts the socket in the data folder where there is no runtime folder (cron, ssh)', () => {
    const environment = readEnvironment({ AUTHENTICATOR_USER_DATA_DIR: '/d' }, 'linux');
    expect(environment.endpointFor('/d').dir).toBe('/d/run');
  });
});
