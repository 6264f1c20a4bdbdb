/** The app's JSON state files on disk, behind core's StateDocument port. */
import { join } from 'node:path';
import {
  ACCESS_LIST_FILE_NAME,
  AccessList,
  accessListFileSchema,
} from '../core/cli-bridge/access-list';
import type { AccessListOptions } from '../core/cli-bridge/access-list';
import { APP_STATE_VERSION, appStateSchema, STATE_FILE_NAME } from '../core/state/app-state';
import type { AppStateFile } from '../core/state/app-state';
import { JsonStateFile } from './json-state-file';
import type { JsonStateFileOptions } from './json-state-file';

export type StateFileHooks = Pick<
  JsonStateFileOptions<typeof appStateSchema>,
  'lock' | 'onRecovered' | 'beforeCommit'
>;

export function createAppStateFile(dataDir: string, hooks: StateFileHooks = {}): AppStateFile {
  return new JsonStateFile({
    path: join(dataDir, STATE_FILE_NAME),
    schema: appStateSchema,
    schemaVersion: APP_STATE_VERSION,
    initial: () => appStateSchema.parse({ schemaVersion: APP_STATE_VERSION }),
    ...hooks,
  });
}

export function createAccessList(
  dataDir: string,
  options: AccessListOptions = {},
  hooks: Omit<StateFileHooks, 'beforeCommit'> = {},
): AccessList {
  const file = new JsonStateFile({
    path: join(dataDir, ACCESS_LIST_FILE_NAME),
    schema: accessListFileSchema,
    schemaVersion: 1,
    initial: () => ({ schemaVersion: 1 as const, programs: [] }),
    ...hooks,
  });
  return new AccessList(file, options);
}
