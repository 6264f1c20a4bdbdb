import { invalidParameter } from './errors.js';
import type { AppClient } from './model.js';

export const DEFAULT_AUTH_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
];

const LEGACY_ALWAYS = new Set(['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'CUSTOM_AUTH']);

/**
 * Whether the client's ExplicitAuthFlows allow `flow`. Clients configured with
 * the older names (USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, ...) always allow
 * SRP, refresh and custom auth, as Cognito did before the ALLOW_ names.
 */
export function requireFlow(client: AppClient, flow: string): void {
  const flows = client.explicitAuthFlows;
  const modern = flows.some((f) => f.startsWith('ALLOW_'));
  const allowed = modern
    ? flows.includes(`ALLOW_${flow}`)
    : LEGACY_ALWAYS.has(flow) || flows.includes(flow);
  if (!allowed) throw invalidParameter(flowNotEnabledMessage(flow));
}

/** Cognito's wording, which differs between USER_PASSWORD_AUTH and the rest. */
function flowNotEnabledMessage(flow: string): string {
  return flow === 'USER_PASSWORD_AUTH'
    ? 'USER_PASSWORD_AUTH flow not enabled for this client'
    : `${flow} is not enabled for the client.`;
}
