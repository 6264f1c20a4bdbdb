import { channelNames } from '../../../src-main/ipc/contract';

export const probe = channelNames;
