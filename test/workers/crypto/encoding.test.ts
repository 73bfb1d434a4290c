import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  fromBase64url,
  timingSafeEqual,
  timingSafeEqualString,
  toBase64url,
} from '../../../shared/crypto/encoding';

describe('base64url (RFC 4648 §5)', () => {
  it('round-trips bytes without padding', () => {
    const bytes = new Uint8Array([0, 1, 250, 251, 252, 253, 254, 255]);
    const text = toBase64url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect([...fromBase64url(text)]).toEqual([...bytes]);
  });

  it('refuses the standard alphabet, padding and whitespace', () => {
    expect(() => fromBase64url('+/8=')).toThrow(TypeError);
    expect(() => fromBase64url('AAAA=')).toThrow(TypeError);
    expect(() => fromBase64url('AA AA')).toThrow(TypeError);
  });

  it('reads standard base64 configuration values, padded or not', () => {
    expect([...fromBase64('+/8=')]).toEqual([251, 255]);
    expect([...fromBase64('+/8')]).toEqual([251, 255]);
    expect([...fromBase64('-_8')]).toEqual([251, 255]);
  });
});

describe('timingSafeEqual', () => {
  it('is true only for identical bytes', () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });

  it('is false when one value is a prefix of the other', () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2, 0]), new Uint8Array([1, 2]))).toBe(false);
    expect(timingSafeEqualString('secret', 'secret\u0000')).toBe(false);
  });

  it('compares strings by their UTF-8 bytes', () => {
    expect(timingSafeEqualString('pässword', 'pässword')).toBe(true);
    expect(timingSafeEqualString('pässword', 'passwörd')).toBe(false);
  });
});
