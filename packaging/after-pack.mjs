// electron-builder's afterPack hook: flips the fuses into the packaged Electron
// binary before it is signed and wrapped into an installer.
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import { fuses } from './fuses.mjs';

/** The packaged executable for electron-builder's output folder of one platform. */
export function packagedExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${name}.app`);
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  await flipFuses(packagedExecutable(context), {
    ...fuses,
    // electron-builder signs after this hook; only an unsigned arm64 build needs the ad-hoc reset.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
}
