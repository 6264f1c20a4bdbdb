import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, readQrText } from '../../src-main/core/vault';
import type { AppError } from '../../src-main/core/errors';

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 6 });
}

/** The same picture as JPEG, re-encoded from the PNG's pixels. */
function toJpeg(png: Buffer, quality = 85): Buffer {
  const { width, height, data } = PNG.sync.read(png);
  return jpeg.encode({ width, height, data }, quality).data;
}

function blankPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(0xff);
  return PNG.sync.write(png);
}

function failure(bytes: Buffer): AppError {
  try {
    readQrText(bytes);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the image to be refused');
}

describe('readQrText', () => {
  it('reads the link from a PNG made by qrcode', async () => {
    expect(readQrText(await qrPng(URI))).toBe(URI);
  });

  it('reads the link from the same QR code re-encoded as JPEG', async () => {
    expect(readQrText(toJpeg(await qrPng(URI)))).toBe(URI);
  });

  it('reads a QR code that is only part of a larger screenshot', async () => {
    const qr = PNG.sync.read(await qrPng(URI));
    const shot = new PNG({ width: qr.width + 300, height: qr.height + 200 });
    shot.data.fill(0xff);
    PNG.bitblt(qr, shot, 0, 0, qr.width, qr.height, 220, 130);
    expect(readQrText(PNG.sync.write(shot))).toBe(URI);
  });

  it('refuses a file that is not an image', () => {
    const error = failure(Buffer.from('just some text, certainly not an image'));
    expect(error.code).toBe('IMAGE_UNSUPPORTED');
    expect(error.message).toMatch(/not a PNG or JPEG/);
    expect(failure(Buffer.from('GIF89a........')).code).toBe('IMAGE_UNSUPPORTED');
  });

  it('refuses an empty file', () => {
    expect(failure(Buffer.alloc(0))).toMatchObject({ code: 'IMAGE_UNREADABLE', field: 'file' });
  });

  it('refuses a damaged PNG and a damaged JPEG', async () => {
    const png = await qrPng(URI);
    const brokenPng = failure(png.subarray(0, Math.floor(png.length / 2)));
    expect(brokenPng.code).toBe('IMAGE_UNREADABLE');
    expect(brokenPng.message).toMatch(/PNG image could not be read/);

    const jpg = toJpeg(png);
    const brokenJpeg = failure(Buffer.concat([jpg.subarray(0, 40), Buffer.alloc(50, 0xaa)]));
    expect(brokenJpeg.code).toBe('IMAGE_UNREADABLE');
    expect(brokenJpeg.message).toMatch(/JPEG image could not be read/);
  });

  it('refuses an image without a QR code', () => {
    const error = failure(blankPng(200, 120));
    expect(error.code).toBe('QR_NOT_FOUND');
    expect(error.message).toMatch(/No QR code was found/);
  });

  it('refuses a file larger than the byte limit before decoding it', async () => {
    const png = await qrPng(URI);
    const padded = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(failure(padded).code).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses images with too many pixels, judged from the header', async () => {
    const png = Buffer.from(await qrPng(URI));
    png.writeUInt32BE(20_000, 16); // IHDR width
    png.writeUInt32BE(20_000, 20); // IHDR height
    expect(failure(png)).toMatchObject({ code: 'IMAGE_TOO_LARGE' });

    const jpg = Buffer.from(toJpeg(await qrPng(URI)));
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    jpg.writeUInt16BE(60_000, sof + 5); // height
    jpg.writeUInt16BE(60_000, sof + 7); // width
    expect(failure(jpg)).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });
});
