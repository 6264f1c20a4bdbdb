import { channels } from '../../ipc/contract';

export const probe = channels;
