/**
 * Every screen of the app, in nav order. A new screen is one module under
 * screens/ exporting a ScreenDefinition, plus one line here.
 */
import type { ScreenDefinition } from '../shell';
import { vaultScreen } from './vault';

export const screens: readonly ScreenDefinition[] = [vaultScreen];
