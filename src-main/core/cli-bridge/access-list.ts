/**
 * Programs the user allowed "always": non-secret state in its own small
 * JSON file (schema-versioned, atomically written by JsonStateFile).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';
import type { CallerIdentity, StateDocument } from '../ports';

export const ACCESS_LIST_FILE_NAME = 'cli-access.json';

const allowedProgramSchema = z
  .object({
    /** Stable id derived from the caller key, for revoking. */
    id: z.string().min(1),
    /** Executable path of the program that ran the CLI. */
    program: z.string().min(1),
    /** Executable path of that program's parent ('' when there was none). */
    parent: z.string(),
    /** ms since epoch. */
    allowedAt: z.number(),
  })
  .strict();
export type AllowedProgram = z.output<typeof allowedProgramSchema>;

export const accessListFileSchema = z
  .object({ schemaVersion: z.literal(1), programs: z.array(allowedProgramSchema) })
  .strict();

export type AccessListFile = z.output<typeof accessListFileSchema>;

export interface AccessListOptions {
  now?: () => number;
  /** Told after a program was added or revoked. */
  onChanged?: () => void;
}

export class AccessList {
  private readonly file: StateDocument<AccessListFile>;
  private readonly now: () => number;
  private readonly onChanged: () => void;

  constructor(file: StateDocument<AccessListFile>, options: AccessListOptions = {}) {
    this.file = file;
    this.now = options.now ?? Date.now;
    this.onChanged = options.onChanged ?? (() => {});
  }

  async list(): Promise<AllowedProgram[]> {
    return [...(await this.file.read()).programs];
  }

  async isAllowed(caller: CallerIdentity): Promise<boolean> {
    if (!caller.key) return false;
    const id = idFor(caller.key);
    return (await this.file.read()).programs.some((p) => p.id === id);
  }

  async allow(caller: CallerIdentity): Promise<void> {
    const key = caller.key;
    if (!key) return;
    const id = idFor(key);
    if ((await this.file.read()).programs.some((p) => p.id === id)) return;
    await this.file.update((draft) => {
      if (draft.programs.some((p) => p.id === id)) return;
      draft.programs.push({
        id,
        program: caller.program.exe,
        parent: caller.parent?.exe ?? '',
        allowedAt: this.now(),
      });
    });
    this.onChanged();
  }

  async revoke(id: string): Promise<void> {
    await this.file.update((draft) => {
      const remaining = draft.programs.filter((p) => p.id !== id);
      if (remaining.length === draft.programs.length) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: 'That program is no longer on the access list.',
        });
      }
      draft.programs = remaining;
    });
    this.onChanged();
  }
}

function idFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
