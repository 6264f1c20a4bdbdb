import { clipboard } from 'electron';

export const probe = clipboard;
