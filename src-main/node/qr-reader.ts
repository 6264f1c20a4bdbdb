/**
 * Reads a QR image off the main thread: the header is checked here first
 * (size, format, pixel budget: a bomb is refused before anything is
 * decoded), then a worker thread with its own heap limits decodes it, so a
 * slow or greedy image can neither freeze the window nor take the app down.
 * The worker is ended after each image; its memory goes with it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors';
import { checkImage } from '../core/vault/qr-image';

/** Long enough for a 16 MP photo on a slow machine; a stuck decode is ended. */
const DECODE_TIMEOUT_MS = 20_000;

const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

type WorkerReply =
  | { ok: true; text: string }
  | { ok: false; error: { code: string; message?: string; detail?: string; field?: string } };

/**
 * The built app has the worker beside its main bundle (electron.vite.config.ts
 * builds it as its own entry); run from source, it is the .ts file and tsx
 * loads it.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'qr-decode-worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: join(here, 'qr-decode-worker.ts'), execArgv: ['--import', 'tsx'] };
}

const failed = (message: string, detail?: string) =>
  new AppError({ code: 'IMAGE_UNREADABLE', message, field: 'file', ...(detail ? { detail } : {}) });

export async function readQrInWorker(bytes: Buffer): Promise<string> {
  checkImage(bytes);
  const { file, execArgv } = workerEntry();
  const worker = new Worker(file, { execArgv, resourceLimits: RESOURCE_LIMITS });
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(failed('Reading the image took too long. Crop it to the QR code and try again.')),
        DECODE_TIMEOUT_MS,
      );
      worker.once('message', (message: WorkerReply) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(
          failed(
            'The image needs more memory to read than this app allows. Crop it to the QR code or take a smaller screenshot.',
            error.message,
          ),
        );
      });
      worker.postMessage(bytes);
    });
    if (reply.ok) return reply.text;
    const { code, message, detail, field } = reply.error;
    throw new AppError({
      code,
      message: message ?? 'The image could not be read. Try saving it again.',
      ...(detail !== undefined ? { detail } : {}),
      field: field ?? 'file',
    });
  } finally {
    await worker.terminate();
  }
}
