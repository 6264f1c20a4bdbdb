/**
 * The channel and event names of the contract, in a module with no imports,
 * so the sandboxed preload can bundle its allowlist without pulling in zod.
 * contract.ts checks at compile time that these lists and its schemas name
 * exactly the same channels and events.
 */
export const channelNameList = [
  'vault:list',
  'vault:addUri',
  'vault:addManual',
  'vault:importQrImage',
  'vault:copyCode',
  'vault:nextHotp',
  'vault:rename',
  'vault:reorder',
  'vault:delete',
  // Sign-in, enrollment, devices, profiles (issue 4): added below this line.
  'profiles:list',
  'profiles:add',
  'profiles:update',
  'profiles:remove',
  'profiles:select',
  'auth:start',
  'auth:respond',
  'auth:autofill',
  'auth:restart',
  'auth:cancel',
  'auth:rememberDevice',
  'auth:state',
  'auth:session',
  'auth:refresh',
  'auth:signOut',
  'auth:signOutEverywhere',
  'enroll:begin',
  'enroll:verify',
  'enroll:cancel',
  'enroll:copySetupKey',
  'mfa:get',
  'mfa:set',
  'devices:list',
  'devices:forget',
  'devices:setRemembered',

  // Tray, clipboard settings, CLI access list (issue 5): added below this line.
  'tray:getPins',
  'tray:setPins',
  'clipboard:getClearDelay',
  'clipboard:setClearDelay',
  'lock:get',
  'lock:set',
  'lock:getIdleMinutes',
  'lock:setIdleMinutes',
  'lock:unlock',
  'lock:setPassphrase',
  'cli:listAllowed',
  'cli:revokeAllowed',
  'cli:answerApproval',
] as const;

export const eventNameList = [
  'vault:changed',
  'auth:changed',
  'profiles:changed',
  'cli:approvalRequested',
  'cli:approvalSettled',
  'cli:accessChanged',
  'lock:changed',
  'tray:pinsChanged',
  'ui:show',
] as const;

export type ChannelNameFromList = (typeof channelNameList)[number];
export type EventNameFromList = (typeof eventNameList)[number];
