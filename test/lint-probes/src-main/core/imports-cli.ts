import { MAIN_HELP } from '../cli/usage';

export const probe = MAIN_HELP;
