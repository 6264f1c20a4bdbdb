import { startEmulator } from '../../../emulator';

export const probe = startEmulator;
