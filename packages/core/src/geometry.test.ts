import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bareHexToHex, hexToBareHex, hexToRgbaInt, normalizeHexColor, rgbaIntToHex } from './colour.js';
import { hmacSha1Hex, hmacSha256Hex, randomHex, randomInt, sha1Hex, timingSafeEqual } from './crypto.js';
import { md5Hex } from './crypto-md5.js';
import { isRounded, roundFraction, toPixelRect } from './geometry.js';

describe('geometry', () => {
  it('rounds edges, not sizes, so neighbours share their edge', () => {
    const canvas = { width: 1280, height: 720 };
    const thirds = [0, 1, 2].map((i) => toPixelRect({ x: i / 3, y: 0, width: 1 / 3, height: 1 / 3 }, canvas));
    expect(thirds.map((r) => [r.left, r.right])).toEqual([
      [0, 427],
      [427, 853],
      [853, 1280],
    ]);
    expect(thirds.map((r) => r.width)).toEqual([427, 426, 427]);
    expect(thirds[0]!.bottom).toBe(240);
  });

  it('never overlaps or gaps for random splits of the canvas', () => {
    for (let trial = 0; trial < 200; trial++) {
      const width = 100 + Math.floor(Math.random() * 1820);
      const cut = Math.random();
      const a = toPixelRect({ x: 0, y: 0, width: cut || 0.5, height: 1 }, { width, height: 100 });
      const b = toPixelRect(
        { x: cut || 0.5, y: 0, width: 1 - (cut || 0.5), height: 1 },
        { width, height: 100 },
      );
      expect(a.right).toBe(b.left);
      expect(a.width + b.width).toBe(width);
    }
  });

  it('tells when a region had to be rounded', () => {
    expect(isRounded({ x: 0, y: 0, width: 0.5, height: 0.5 }, { width: 1280, height: 720 })).toBe(false);
    expect(isRounded({ x: 0, y: 0, width: 1 / 3, height: 0.5 }, { width: 1280, height: 720 })).toBe(true);
  });

  it('keeps fractions at 6 decimals without float noise', () => {
    expect(roundFraction(0.1 + 0.2)).toBe(0.3);
    expect(roundFraction(1 / 3)).toBe(0.333333);
  });
});

describe('colour', () => {
  it("converts '#RRGGBB' ↔ 0xRRGGBB00 ↔ 'RRGGBB'", () => {
    expect(hexToRgbaInt('#FF0000')).toBe(0xff000000);
    expect(hexToRgbaInt('#000000')).toBe(0);
    expect(hexToRgbaInt('#ffffff')).toBe(0xffffff00);
    expect(rgbaIntToHex(0x12345600)).toBe('#123456');
    expect(hexToBareHex('#a1b2c3')).toBe('A1B2C3');
    expect(bareHexToHex('a1b2c3')).toBe('#A1B2C3');
    expect(normalizeHexColor('#abcdef')).toBe('#ABCDEF');
    expect(() => hexToRgbaInt('red')).toThrow(RangeError);
  });
});

describe('crypto', () => {
  it("matches ZEGO's official Signature v2.0 vector", () => {
    expect(md5Hex('12345' + '4fd24687296dd9f3' + '9193cc662a4c0ec135ec71fb57194b38' + '1615186943')).toBe(
      '43e5cfcca828314675f91b001390566a',
    );
  });

  it("matches ZEGO's official callback vector", () => {
    expect(sha1Hex(['secret', '1470820198', '123412'].sort().join(''))).toBe(
      '5bd59fd62953a8059fb7eaba95720f66d19e4517',
    );
  });

  it('HMACs the exact bytes, like node:crypto', () => {
    const body = JSON.stringify({ cname: 'réunion-日本', n: 1 });
    const bytes = new TextEncoder().encode(body);
    expect(hmacSha256Hex('k3y', bytes)).toBe(createHmac('sha256', 'k3y').update(bytes).digest('hex'));
    expect(hmacSha1Hex('k3y', body)).toBe(createHmac('sha1', 'k3y').update(body).digest('hex'));
    const odd = new Uint8Array([0, 255, 128, 7, 9]);
    expect(hmacSha256Hex('x', odd)).toBe(createHmac('sha256', 'x').update(odd).digest('hex'));
    expect(sha1Hex('abc')).toBe(createHash('sha1').update('abc').digest('hex'));
  });

  it('makes random hex of the asked length and compares in constant time', () => {
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(8)).not.toBe(randomHex(8));
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
  });

  it('hands out random bytes once, across pool refills and beyond the pool size', () => {
    const nonces = Array.from({ length: 2000 }, () => randomHex(12));
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(randomHex(5000)).toMatch(/^[0-9a-f]{10000}$/);
    expect(randomHex(5000)).not.toMatch(/^(00)+$/);
    const ints = Array.from({ length: 2000 }, () => randomInt(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
    expect(ints.every(Number.isInteger)).toBe(true);
    expect(randomInt(7, 7)).toBe(7);
  });
});
