import type { FuseV1Config } from '@electron/fuses';

export declare const fuses: FuseV1Config;
