/** The Teams icons: the sizes Teams requires, and an outline icon that is only white and transparent. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { MANIFEST_DIR } from '../../scripts/packageTeamsApp';

interface Image {
  width: number;
  height: number;
  colorType: number;
  /** RGBA, 8 bits a channel, row by row. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Bytes per pixel of the 8-bit colour types we accept: grey, RGB, grey+alpha, RGBA.
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes an 8-bit, non-interlaced, non-palette PNG; enough for icons from any ordinary tool. */
function readPng(file: string): Image {
  const bytes = readFileSync(join(MANIFEST_DIR, file));
  assert.ok(bytes.subarray(0, 8).equals(SIGNATURE), `${file} is not a PNG`);
  const header = bytes.subarray(16, 29);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8);
  const channels = CHANNELS[colorType ?? -1];
  assert.ok(bitDepth === 8 && channels !== undefined && interlace === 0, `${file}: unsupported PNG layout`);

  const data: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') data.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const pixels = unfilter(inflateSync(Buffer.concat(data)), width, height, channels);
  return { width, height, colorType: colorType ?? -1, rgba: toRgba(pixels, channels) };
}

/** Undoes the per-row PNG filters (none, sub, up, average, Paeth). */
function unfilter(raw: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[row * (stride + 1) + 1 + i] ?? 0;
      const left = i >= channels ? (out[row * stride + i - channels] ?? 0) : 0;
      const up = row > 0 ? (out[(row - 1) * stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= channels ? (out[(row - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? -1];
      assert.ok(predictor !== undefined, `unknown PNG filter ${filter}`);
      out[row * stride + i] = (value + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [dl, du, dul] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  return dl <= du && dl <= dul ? left : du <= dul ? up : upLeft;
}

function toRgba(pixels: Uint8Array, channels: number): Uint8Array {
  const count = pixels.length / channels;
  const rgba = new Uint8Array(count * 4);
  for (let p = 0; p < count; p++) {
    const px = pixels.subarray(p * channels, (p + 1) * channels);
    const grey = channels <= 2;
    rgba.set([px[0]!, grey ? px[0]! : px[1]!, grey ? px[0]! : px[2]!, channels % 2 === 0 ? px[channels - 1]! : 255], p * 4);
  }
  return rgba;
}

function accentColor(): number[] {
  const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as { accentColor: string };
  return [1, 3, 5].map((start) => parseInt(manifest.accentColor.slice(start, start + 2), 16));
}

describe('Teams icons', () => {
  it('color.png is 192×192, opaque, on the manifest accent colour', () => {
    const icon = readPng('color.png');
    assert.deepEqual([icon.width, icon.height], [192, 192]);
    for (let i = 3; i < icon.rgba.length; i += 4) assert.equal(icon.rgba[i], 255, 'colour icon has transparent pixels');
    assert.deepEqual([...icon.rgba.subarray(0, 3)], accentColor(), 'corner pixel is not accentColor');
  });

  it('outline.png is 32×32 with an alpha channel', () => {
    const icon = readPng('outline.png');
    assert.deepEqual([icon.width, icon.height], [32, 32]);
    assert.ok(icon.colorType === 4 || icon.colorType === 6, 'outline icon needs transparency');
  });

  it('outline.png has only white and fully transparent pixels, and some of each', () => {
    const { rgba } = readPng('outline.png');
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255 && a === 255) white++;
      else assert.fail(`pixel ${i / 4} is rgba(${r}, ${g}, ${b}, ${a})`);
    }
    assert.ok(white > 100 && transparent > 100, `white ${white}, transparent ${transparent}`);
  });
});
