/**
 * Reads the otpauth:// link out of a PNG or JPEG holding a QR code. Every way
 * this can fail gets its own code, so the user knows whether to pick another
 * file, crop the image, or look for a different QR code.
 */
import jpeg from 'jpeg-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { AppError } from '../errors';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Larger than any screenshot; bounds the RGBA buffer (4 bytes a pixel) at ~160 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Returns the QR code's text; throws unless it is an image holding a QR code. */
export function readQrText(bytes: Buffer): string {
  if (bytes.length === 0) throw imageError('IMAGE_UNREADABLE', 'The file is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw imageError(
      'IMAGE_TOO_LARGE',
      `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Crop it to the QR code or take a smaller screenshot.`,
    );
  }
  const image = decodeImage(bytes);
  const found = jsQR(image.data, image.width, image.height);
  if (!found) {
    throw imageError(
      'QR_NOT_FOUND',
      'No QR code was found in the image. Use an image where the whole QR code is sharp and not cut off.',
    );
  }
  return found.data;
}

/** At most this many codes are looked for in one picture (Google splits big exports into ~10). */
const MAX_CODES_PER_IMAGE = 30;

/**
 * Every QR code in the picture, in the order found: each one found is
 * painted over so the next search sees the others.
 */
export function readAllQrTexts(bytes: Buffer): string[] {
  const first = readQrText(bytes);
  const image = decodeImage(bytes);
  const texts: string[] = [];
  for (let i = 0; i < MAX_CODES_PER_IMAGE; i += 1) {
    const found = jsQR(image.data, image.width, image.height);
    if (!found) break;
    texts.push(found.data);
    blank(image, found.location);
  }
  return texts.length > 0 ? texts : [first];
}

type Corners = NonNullable<ReturnType<typeof jsQR>>['location'];

function blank(image: Rgba, location: Corners): void {
  const points = [
    location.topLeftCorner,
    location.topRightCorner,
    location.bottomLeftCorner,
    location.bottomRightCorner,
  ];
  const pad = 4;
  const minX = Math.max(0, Math.floor(Math.min(...points.map((p) => p.x))) - pad);
  const maxX = Math.min(image.width - 1, Math.ceil(Math.max(...points.map((p) => p.x))) + pad);
  const minY = Math.max(0, Math.floor(Math.min(...points.map((p) => p.y))) - pad);
  const maxY = Math.min(image.height - 1, Math.ceil(Math.max(...points.map((p) => p.y))) + pad);
  for (let y = minY; y <= maxY; y += 1) {
    image.data.fill(255, (y * image.width + minX) * 4, (y * image.width + maxX + 1) * 4);
  }
}

function decodeImage(bytes: Buffer): Rgba {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return decodePng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return decodeJpeg(bytes);
  throw imageError(
    'IMAGE_UNSUPPORTED',
    'This file is not a PNG or JPEG image. Choose a PNG or JPEG screenshot of the QR code.',
  );
}

function decodePng(bytes: Buffer): Rgba {
  // The IHDR chunk always comes first: width and height at bytes 16..23.
  if (bytes.length >= 24) checkPixels(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw unreadable('PNG', error);
  }
  return {
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    width: png.width,
    height: png.height,
  };
}

function decodeJpeg(bytes: Buffer): Rgba {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
  } catch (error) {
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(String(error))) throw tooManyPixels();
    throw unreadable('JPEG', error);
  }
  return {
    data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
    width: decoded.width,
    height: decoded.height,
  };
}

function checkPixels(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) throw tooManyPixels();
}

function tooManyPixels(): AppError {
  return imageError(
    'IMAGE_TOO_LARGE',
    `The image has more than ${MAX_IMAGE_PIXELS / 1_000_000} million pixels. Crop it to the QR code or take a smaller screenshot.`,
  );
}

function unreadable(kind: string, error: unknown): AppError {
  return new AppError({
    code: 'IMAGE_UNREADABLE',
    message: `The ${kind} image could not be read; the file may be damaged or incomplete. Try saving the image again.`,
    detail: error instanceof Error ? error.message : String(error),
    field: 'file',
  });
}

function imageError(code: string, message: string): AppError {
  return new AppError({ code, message, field: 'file' });
}
