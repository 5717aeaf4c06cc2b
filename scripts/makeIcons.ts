/**
 * Draws the Teams app icons (a shield with a padlock) and writes them to manifest/:
 * color.png 192×192 on the manifest's accent colour, outline.png 32×32 white on transparent.
 * Run with `npx tsx scripts/makeIcons.ts` after changing the shape or `accentColor`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const MANIFEST_DIR = join(__dirname, '..', 'manifest');

type Rgb = readonly [number, number, number];
type Shape = (x: number, y: number) => boolean;

const WHITE: Rgb = [255, 255, 255];

// The mark is drawn in a frame one unit wide and SHIELD_HEIGHT tall, y pointing down.
const SHIELD_HEIGHT = 1.2;
const SHOULDER_Y = 0.55;
// Each lower side is an arc through the shoulder and the tip; this radius makes both meet at x = 0.5.
const TIP_RADIUS = 0.25 + (SHIELD_HEIGHT - SHOULDER_Y) ** 2;

/** The shield outline: flat sides, a dipped top edge, sides curving into a point. */
function inShield(x: number, y: number): boolean {
  if (x < 0 || x > 1 || y > SHIELD_HEIGHT) return false;
  if (y < 0.08 * (1 - (2 * x - 1) ** 2)) return false;
  if (y <= SHOULDER_Y) return true;
  return (
    Math.hypot(x - TIP_RADIUS, y - SHOULDER_Y) <= TIP_RADIUS && Math.hypot(x - (1 - TIP_RADIUS), y - SHOULDER_Y) <= TIP_RADIUS
  );
}

/** The padlock cut out of the shield: body, shackle ring and its two legs. */
function inPadlock(x: number, y: number): boolean {
  const body = inRoundedRect(x, y, 0.28, 0.5, 0.72, 0.86, 0.05);
  const ring = y <= 0.45 && Math.hypot(x - 0.5, y - 0.45) >= 0.1 && Math.hypot(x - 0.5, y - 0.45) <= 0.17;
  const legs = y > 0.45 && y <= 0.5 && ((x >= 0.33 && x <= 0.4) || (x >= 0.6 && x <= 0.67));
  return body || ring || legs;
}

/** The keyhole inside the padlock body, which is shield-coloured again. */
function inKeyhole(x: number, y: number): boolean {
  return Math.hypot(x - 0.5, y - 0.64) <= 0.055 || (Math.abs(x - 0.5) <= 0.025 && y >= 0.64 && y <= 0.77);
}

function inRoundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function mark(withKeyhole: boolean): Shape {
  return (x, y) => inShield(x, y) && (!inPadlock(x, y) || (withKeyhole && inKeyhole(x, y)));
}

/** Fraction of each pixel the shape covers (4×4 samples), for a mark `heightShare` of the canvas tall. */
function coverage(size: number, heightShare: number, shape: Shape): Float64Array {
  const samples = 4;
  const scale = (heightShare * size) / SHIELD_HEIGHT;
  const left = (size - scale) / 2;
  const top = (size - heightShare * size) / 2;
  const result = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - left) / scale;
          const y = (py + (sy + 0.5) / samples - top) / scale;
          if (shape(x, y)) hits++;
        }
      }
      result[py * size + px] = hits / samples ** 2;
    }
  }
  return result;
}

/** The 192×192 colour icon: white mark, anti-aliased, on a full-bleed accent background. */
function colorIcon(accent: Rgb): Uint8Array {
  const size = 192;
  const cover = coverage(size, 0.6, mark(true));
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    for (let channel = 0; channel < 3; channel++) {
      rgba[i * 4 + channel] = Math.round(accent[channel]! * (1 - c) + WHITE[channel]! * c);
    }
    rgba[i * 4 + 3] = 255;
  });
  return encodePng(size, size, rgba);
}

/** The 32×32 outline icon: white where the mark is, fully transparent elsewhere (no grey edges). */
function outlineIcon(): Uint8Array {
  const size = 32;
  const cover = coverage(size, 0.94, mark(true));
  const rgba = new Uint8Array(size * size * 4).fill(255);
  cover.forEach((c, i) => {
    rgba[i * 4 + 3] = c >= 0.5 ? 255 : 0;
  });
  return encodePng(size, size, rgba);
}

/** A minimal RGBA, 8-bit, non-interlaced PNG. */
function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = width * 4;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    // Filter byte 0 (none) on each row; deflate does well enough on flat icons.
    scanlines.set(rgba.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + typeAndData.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** The manifest's `accentColor`, so the icon background and Teams' tile colour stay the same. */
function readAccent(): Rgb {
  const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as { accentColor?: unknown };
  const hex = typeof manifest.accentColor === 'string' ? manifest.accentColor : '';
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error('manifest/manifest.json: accentColor must look like #RRGGBB');
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

writeFileSync(join(MANIFEST_DIR, 'color.png'), colorIcon(readAccent()));
writeFileSync(join(MANIFEST_DIR, 'outline.png'), outlineIcon());
console.log('Wrote manifest/color.png (192×192) and manifest/outline.png (32×32)');
