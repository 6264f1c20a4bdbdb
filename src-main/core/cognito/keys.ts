/**
 * SecretStore key names. Device keys are per pool user (USER_ID_FOR_SRP),
 * never per typed alias: signing in as "ana@example.com" and as "ana" must
 * find the same remembered device.
 */
const prefix = (profileId: string) => `cognito/${encodeURIComponent(profileId)}/`;

export const secretKeys = {
  profilePrefix: prefix,
  clientSecret: (profileId: string) => `${prefix(profileId)}client-secret`,
  tokens: (profileId: string) => `${prefix(profileId)}tokens`,
  device: (profileId: string, userIdForSrp: string) =>
    `${prefix(profileId)}device/${encodeURIComponent(userIdForSrp)}`,
};
