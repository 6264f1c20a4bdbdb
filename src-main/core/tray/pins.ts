/**
 * Up to nine pinned tray items, kept in the `tray` section of the app's
 * state file (non-secret).
 */
import { z } from 'zod';
import type { AppStateFile } from '../state/app-state';
import { MAX_PINNED } from './model';
import type { PinnedItem } from './model';

export const pinnedItemSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('profile'),
      id: z.string().min(1).max(200),
      token: z.enum(['id', 'access']),
    })
    .strict(),
  z.object({ kind: z.literal('account'), id: z.string().min(1).max(200) }).strict(),
]);
export const pinnedListSchema = z
  .array(pinnedItemSchema)
  .max(MAX_PINNED, `Pin at most ${MAX_PINNED} items.`);

const traySectionSchema = z.object({ pinned: pinnedListSchema }).strict();

export class TrayPins {
  constructor(
    private readonly state: AppStateFile,
    private readonly onChanged: () => void = () => {},
  ) {}

  /** A damaged `tray` section reads as no pins; the next save replaces it. */
  async list(): Promise<PinnedItem[]> {
    const parsed = traySectionSchema.safeParse((await this.state.read()).tray);
    return parsed.success ? parsed.data.pinned : [];
  }

  async set(pinned: PinnedItem[]): Promise<PinnedItem[]> {
    const valid = pinnedListSchema.parse(dedupe(pinned));
    await this.state.update((draft) => {
      draft.tray = { pinned: valid };
    });
    this.onChanged();
    return valid;
  }
}

function dedupe(pinned: PinnedItem[]): PinnedItem[] {
  const seen = new Set<string>();
  return pinned.filter((p) => {
    const key = p.kind === 'profile' ? `profile:${p.id}:${p.token}` : `account:${p.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
