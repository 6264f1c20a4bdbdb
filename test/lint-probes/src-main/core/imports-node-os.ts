import { hostname } from 'node:os';

export const probe = hostname;
