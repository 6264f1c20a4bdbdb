import { AppError } from '../../core/errors';
import type { VaultDependent } from '../../core/cognito/app-adapters';
import type { AppStateFile } from '../../core/state/app-state';
import type { VaultService } from '../../core/vault';
import type { VaultTrash } from '../../core/vault/trash';
import type { HandlerGroup } from '../router';

export interface VaultHandlerServices {
  vault: VaultService;
  trash: VaultTrash;
  state: AppStateFile;
  vaultDependents: (id: string) => Promise<VaultDependent[]>;
}

export function vaultHandlers({
  vault,
  trash,
  state,
  vaultDependents,
}: VaultHandlerServices): HandlerGroup<'vault'> {
  return {
    'vault:list': async () => {
      await trash.expire();
      return { accounts: await vault.list() };
    },
    'vault:addUri': ({ uri }) => vault.addUri(uri),
    'vault:addManual': (input) => vault.addManual(input),
    'vault:importQrImage': ({ dataBase64 }) => vault.importQrImage(decodeBase64(dataBase64)),
    'vault:copyCode': ({ id, which }) => vault.copyCode(id, which),
    'vault:nextHotp': ({ id }) => vault.nextHotp(id),
    'vault:rename': ({ id, issuer, account }) => vault.rename(id, issuer, account),
    'vault:reorder': async ({ ids }) => {
      await vault.reorder(ids);
      return { ok: true };
    },
    'vault:delete': async ({ id }) => {
      await vault.delete(id);
      return { ok: true };
    },
    'vault:dependents': async ({ id }) => ({ dependents: await vaultDependents(id) }),
    'vault:reenroll': ({ id, uri }) => vault.reenroll(id, uri),
    'vault:setGroups': ({ id, groups }) => vault.setGroups(id, groups),
    'vault:getSort': async () => ({ sort: (await state.read()).settings.vaultSort }),
    'vault:setSort': async ({ sort }) => {
      await state.update((draft) => {
        draft.settings.vaultSort = sort;
      });
      return { sort };
    },
  };
}

/** Buffer.from silently skips bad characters; a damaged upload should say so instead. */
export function decodeBase64(text: string): Buffer {
  if (text.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new AppError({
      code: 'IMAGE_UNREADABLE',
      message:
        'The image did not arrive intact (its data is not valid base64). Choose the file again.',
      field: 'file',
    });
  }
  return Buffer.from(text, 'base64');
}
