/**
 * QR images against the app's reader (header check on the main thread, the
 * decode in a worker thread): the interlaced-PNG bomb and a real 36 MP photo
 * are refused with a plain message, and the process's RSS grows by less than
 * 100 MB doing so. Both images are built here.
 */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQrInWorker } from '../../src-main/node/qr-reader';

const MB = 1024 * 1024;
const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * A grey, Adam7-interlaced PNG whose every pass is all zeros: well under
 * 1 MB on disk, `side`² pixels once inflated.
 */
function interlacedBomb(side: number): Buffer {
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let raw = 0;
  for (const [x0, y0, dx, dy] of passes as number[][]) {
    const w = Math.ceil((side - (x0 as number)) / (dx as number));
    const h = Math.ceil((side - (y0 as number)) / (dy as number));
    if (w > 0 && h > 0) raw += h * (1 + w);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  ihdr[12] = 1; // Adam7
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(raw), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real baseline JPEG from a camera-sized frame (7360 × 4912, 36 MP), mostly flat grey. */
function photo36mp(): Buffer {
  const width = 7360;
  const height = 4912;
  const data = Buffer.alloc(width * height * 4, 0x80);
  return jpeg.encode({ width, height, data }, 50).data;
}

async function rssGrowth(run: () => Promise<unknown>): Promise<{ grew: number; outcome: unknown }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const outcome = await run().catch((error: unknown) => error);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { grew: peak - before, outcome };
}

describe('readQrInWorker', () => {
  let bomb: Buffer;
  let photo: Buffer;
  beforeAll(() => {
    bomb = interlacedBomb(6000);
    photo = photo36mp();
  }, 120_000);

  it('refuses the interlaced-PNG bomb from its header, keeping RSS growth under 100 MB', async () => {
    expect(bomb.length).toBeLessThan(MB);
    const { grew, outcome } = await rssGrowth(() => readQrInWorker(bomb));
    console.log(`interlaced bomb: ${bomb.length} bytes, RSS +${(grew / MB).toFixed(1)} MB`);
    expect(outcome).toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      field: 'file',
      message: expect.stringContaining('6000 × 6000 pixels'),
    });
    expect(grew).toBeLessThan(100 * MB);
  });

  it('refuses a 36 MP photo from its header, keeping RSS growth under 100 MB', async () => {
    const { grew, outcome } = await rssGrowth(() => readQrInWorker(photo));
    console.log(
      `36 MP photo: ${(photo.length / MB).toFixed(1)} MB, RSS +${(grew / MB).toFixed(1)} MB`,
    );
    expect(outcome).toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      message: expect.stringContaining('7360 × 4912 pixels'),
    });
    expect(grew).toBeLessThan(100 * MB);
  });

  it('still reads a QR code, in the worker', async () => {
    const png = await QRCode.toBuffer(URI, { type: 'png', margin: 4, scale: 6 });
    await expect(readQrInWorker(png)).resolves.toBe(URI);
  });

  it("passes the decoder's own refusal on as the same plain error", async () => {
    const png = await QRCode.toBuffer('just text', { type: 'png', margin: 4, scale: 6 });
    const damaged = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    await expect(readQrInWorker(damaged)).rejects.toMatchObject({
      code: 'IMAGE_UNREADABLE',
      field: 'file',
    });
  });
});
