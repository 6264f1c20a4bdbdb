// Electron fuses flipped into every packaged binary. They close the ways a
// local program could run its own code inside the app's process (and so read
// the keychain as the app): ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, and
// loading app code from anywhere but the integrity-checked app.asar.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config} */
export const fuses = {
  version: FuseVersion.V1,
  // A fuse added by a newer Electron fails the build until it is decided here.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
};
