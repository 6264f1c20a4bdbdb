import { createEphemeral } from '../src-main/core/cognito/srp';

export const probe = createEphemeral;
