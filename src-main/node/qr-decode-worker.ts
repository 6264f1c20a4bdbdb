/**
 * The QR decode, in a worker thread (see qr-reader.ts): one image in, its
 * QR text or the AppError's fields out.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../core/errors';
import { readQrText } from '../core/vault/qr-image';

parentPort?.once('message', (bytes: Uint8Array) => {
  try {
    parentPort?.postMessage({ ok: true, text: readQrText(Buffer.from(bytes)) });
  } catch (error) {
    parentPort?.postMessage(
      isAppError(error)
        ? {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              detail: error.detail,
              field: error.field,
            },
          }
        : { ok: false, error: { code: 'IMAGE_UNREADABLE', detail: String(error) } },
    );
  }
});
