// Installers: AppImage, deb and rpm on Linux, dmg on macOS, NSIS on Windows.
// `npm run dist` builds the current platform's (scripts/dist.mjs).
/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'dev.cognito-authenticator.desktop',
  productName: 'Cognito Authenticator',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**', 'bin/**', 'resources/**', 'package.json'],
  // Package the Electron that npm installed instead of downloading another.
  electronDist: 'node_modules/electron/dist',
  asar: true,
  // keytar's native addon has to be a real file on disk to be loaded.
  asarUnpack: ['**/*.node'],
  afterPack: './packaging/after-pack.mjs',
  linux: {
    target: ['AppImage', 'deb', 'rpm'],
    category: 'Utility',
    icon: 'resources/tray-icon.png',
    executableName: 'cognito-authenticator',
  },
  deb: { depends: ['iproute2', 'libsecret-1-0', 'libnss3', 'libgtk-3-0', 'libnotify4'] },
  rpm: { depends: ['iproute', 'libsecret', 'nss', 'gtk3', 'libnotify'] },
  mac: { target: ['dmg'], category: 'public.app-category.utilities', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
