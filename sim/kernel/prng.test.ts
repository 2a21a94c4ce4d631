import { describe, expect, it } from 'vitest';
import { counterUniform, mixSeed, streamRng, Xoshiro128 } from './prng.ts';

describe('xoshiro128**', () => {
  it('matches the reference output from state (1, 2, 3, 4)', () => {
    const rng = new Xoshiro128();
    rng.setState(1, 2, 3, 4);
    // 11520, 0, 5927040 follow by hand from rotl(s1·5, 7)·9; the rest pin the implementation.
    expect([0, 1, 2, 3, 4].map(() => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });

  it('pins the documented seed → stream split (changing it changes every saved result)', () => {
    expect(mixSeed(42, 0, 0)).toBe(mixSeed(42, 0, 0));
    const rng = streamRng(42, 0, 1);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([1315460915, 3525076524, 2805137044]);
  });

  it('gives the same stream for the same (seed, keys) and different streams otherwise', () => {
    const draw = (r: Xoshiro128) => Array.from({ length: 8 }, () => r.nextUint32());
    expect(draw(streamRng(7, 3, 1))).toEqual(draw(streamRng(7, 3, 1)));
    const a = draw(streamRng(7, 3, 1));
    for (const other of [streamRng(7, 3, 0), streamRng(7, 4, 1), streamRng(8, 3, 1), streamRng(7 + 2 ** 32, 3, 1)]) expect(draw(other)).not.toEqual(a);
  });

  it('reseeds in place to the same stream as a fresh generator', () => {
    const r = new Xoshiro128(1);
    r.nextUint32();
    r.reseed(99, 5, 1);
    const fresh = streamRng(99, 5, 1);
    for (let i = 0; i < 16; i++) expect(r.nextUint32()).toBe(fresh.nextUint32());
  });

  it('draws uniforms strictly inside (0, 1) with the right mean and variance, uncorrelated across trial streams', () => {
    const n = 400_000;
    let sum = 0;
    let sum2 = 0;
    let min = 1;
    let max = 0;
    const r = streamRng(1, 0, 0);
    for (let i = 0; i < n; i++) {
      const u = r.next();
      sum += u;
      sum2 += u * u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(sum2 / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.001);
    // Neighbouring trials' first draws are uncorrelated.
    let sxy = 0;
    let sx = 0;
    let sy = 0;
    const m = 50_000;
    for (let k = 0; k < m; k++) {
      const x = streamRng(1, k, 1).next();
      const y = streamRng(1, k + 1, 1).next();
      sxy += x * y;
      sx += x;
      sy += y;
    }
    const cov = sxy / m - (sx / m) * (sy / m);
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(0.02);
  });

  it('draws counter-based uniforms that are stateless, in (0, 1) and uniform', () => {
    const word = mixSeed(1, 2, 2);
    expect(counterUniform(word, 5, 3)).toBe(counterUniform(word, 5, 3));
    expect(counterUniform(word, 5, 3)).not.toBe(counterUniform(word, 5, 4));
    expect(counterUniform(word, 5, 3)).not.toBe(counterUniform(word, 6, 3));
    const n = 200_000;
    let sum = 0;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = counterUniform(word, i >> 2, i & 3);
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.003);
    // Chi-square over 10 bins (9 degrees of freedom; 27.9 is the 0.1% critical value).
    const chi2 = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });
});
