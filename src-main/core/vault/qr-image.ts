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
/**
 * A 5K screenshot or a 12 MP phone photo fits; decoding costs about 25 bytes
 * a pixel (RGBA plus the decoders' own buffers), so this bounds one decode
 * near 400 MB, off the main thread. A 36 MP photo is refused from its header.
 */
export const MAX_IMAGE_PIXELS = 16_000_000;
/**
 * pngjs decodes an interlaced PNG through seven sub-images and costs over 50
 * bytes a pixel, so interlaced images get a smaller budget.
 */
export const MAX_INTERLACED_PIXELS = 2_000_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface ImageHeader {
  format: 'PNG' | 'JPEG';
  width: number;
  height: number;
  interlaced: boolean;
}

/** Returns the QR code's text; throws unless it is an image holding a QR code. */
export function readQrText(bytes: Buffer): string {
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

/**
 * Everything that can be refused without decoding: size, format and the
 * pixel count the header declares. Cheap, so it runs before any decode is
 * started (and again inside the decoder, which must not trust its caller).
 */
export function checkImage(bytes: Buffer): ImageHeader {
  if (bytes.length === 0) throw imageError('IMAGE_UNREADABLE', 'The file is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw imageError(
      'IMAGE_TOO_LARGE',
      `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Crop it to the QR code or take a smaller screenshot.`,
    );
  }
  const header = readHeader(bytes);
  const pixels = header.width * header.height;
  if (pixels === 0) throw unreadable(header.format, 'zero width or height');
  const budget = header.interlaced ? MAX_INTERLACED_PIXELS : MAX_IMAGE_PIXELS;
  if (pixels > budget) throw tooManyPixels(header, budget);
  return header;
}

function readHeader(bytes: Buffer): ImageHeader {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    // IHDR is always the first chunk: length, "IHDR", width, height, depth, colour, compression, filter, interlace.
    if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
      throw unreadable('PNG', 'no IHDR chunk');
    }
    return {
      format: 'PNG',
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      interlaced: bytes[28] !== 0,
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegHeader(bytes);
  throw imageError(
    'IMAGE_UNSUPPORTED',
    'This file is not a PNG or JPEG image. Choose a PNG or JPEG screenshot of the QR code.',
  );
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

/** Decodes only what passes the header check. */
function decodeImage(bytes: Buffer): Rgba {
  return checkImage(bytes).format === 'PNG' ? decodePng(bytes) : decodeJpeg(bytes);
}

/** Walks the JPEG's marker segments to its frame header (SOFn), which holds the size. */
function jpegHeader(bytes: Buffer): ImageHeader {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw unreadable('JPEG', 'marker expected');
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (at + 9 > bytes.length) break;
      return {
        format: 'JPEG',
        height: bytes.readUInt16BE(at + 5),
        width: bytes.readUInt16BE(at + 7),
        // Progressive JPEGs (SOF2, SOF6, SOF10, SOF14) keep every coefficient in memory.
        interlaced: [0xc2, 0xc6, 0xca, 0xce].includes(marker),
      };
    }
    if (marker === 0xda || length < 2) break;
    at += 2 + length;
  }
  throw unreadable('JPEG', 'no frame header');
}

function decodePng(bytes: Buffer): Rgba {
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
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(String(error))) {
      throw imageError(
        'IMAGE_TOO_LARGE',
        'The image needs more memory to read than this app allows. Crop it to the QR code or take a smaller screenshot.',
      );
    }
    throw unreadable('JPEG', error);
  }
  return {
    data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
    width: decoded.width,
    height: decoded.height,
  };
}

function tooManyPixels(header: ImageHeader, budget: number): AppError {
  const what = header.interlaced
    ? `an ${header.format === 'PNG' ? 'interlaced' : 'progressive'} image`
    : 'the image';
  return imageError(
    'IMAGE_TOO_LARGE',
    `The image is ${header.width} × ${header.height} pixels; ${what} may have at most ${budget / 1_000_000} million. Crop it to the QR code or take a smaller screenshot.`,
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
