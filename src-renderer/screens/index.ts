/**
 * Every screen of the app, in nav order. A new screen is one module under
 * screens/ exporting a ScreenDefinition, plus one line here.
 */
import type { ScreenDefinition } from '../shell';
import { adminScreen } from './admin';
import { devicesScreen } from './devices';
import { settingsScreen } from './profiles';
import { signInScreen } from './sign-in';
import { vaultScreen } from './vault';

export const screens: readonly ScreenDefinition[] = [
  vaultScreen,
  signInScreen,
  devicesScreen,
  settingsScreen,
  adminScreen,
];
