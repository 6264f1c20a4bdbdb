/** Per-profile admin mode: off until chosen, and which AWS profile it signs with. */
import { AppError } from '../errors';
import type { JsonDocument } from '../ports';
import type { AppStateFile } from '../state/app-state';

export interface AdminProfileSettings {
  enabled: boolean;
  awsProfile?: string;
}

export type AdminSettingsDocument = JsonDocument<Record<string, AdminProfileSettings>>;

/** What ~/.aws/config accepts as a profile name (no spaces, brackets or quotes). */
const AWS_PROFILE = /^[\w.@+=,:/-]{1,128}$/;

export function checkAwsProfile(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  if (!AWS_PROFILE.test(trimmed))
    throw new AppError({
      code: 'ADMIN_INVALID_PROFILE',
      message:
        'An AWS profile name is letters, digits and . _ - @ + = , : / only, as in ~/.aws/config.',
      field: 'awsProfile',
    });
  return trimmed;
}

/** The admin section of the app's state file as the engine's settings document. */
export function adminSettingsDocument(file: AppStateFile): AdminSettingsDocument {
  return {
    read: async () => (await file.read()).admin.profiles,
    write: async (profiles) => {
      await file.update((draft) => {
        draft.admin.profiles = profiles;
      });
    },
  };
}
