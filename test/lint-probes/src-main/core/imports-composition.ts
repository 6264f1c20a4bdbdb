import type { AppServices } from '../composition';

export type Probe = AppServices;
