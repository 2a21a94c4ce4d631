/**
 * Reads an 8-bit, non-interlaced PNG (gray, gray + alpha, RGB or RGBA — what
 * `pdftoppm -png` writes) into one gray level per pixel, so a test can tell
 * a rendered page from a blank one without an image library.
 */
import { inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Bytes per pixel by PNG colour type (8-bit samples). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function readGrayPng(png: Uint8Array): GrayImage {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('Not a PNG file.');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let bpp = 1;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, color, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || CHANNELS[color!] === undefined || interlace !== 0) throw new Error(`Only 8-bit, non-interlaced, non-palette PNGs (got depth ${depth}, colour type ${color}, interlace ${interlace}).`);
      bpp = CHANNELS[color!]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const bytes = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? bytes[y * stride + i - bpp]! : 0;
      const b = y > 0 ? bytes[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? bytes[(y - 1) * stride + i - bpp]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      bytes[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  // Gray level: the mean of the colour samples (alpha ignored: pdftoppm pages are opaque).
  const colours = bpp >= 3 ? 3 : 1;
  const pixels = new Uint8Array(width * height);
  for (let p = 0; p < width * height; p++) {
    let sum = 0;
    for (let k = 0; k < colours; k++) sum += bytes[p * bpp + k]!;
    pixels[p] = Math.round(sum / colours);
  }
  return { width, height, pixels };
}
