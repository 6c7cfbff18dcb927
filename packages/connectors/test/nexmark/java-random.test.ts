import { JavaRandom } from '@tributary/connectors';
import { describe, expect, it } from 'vitest';

// Expected values printed by java.util.Random on OpenJDK 17 (see the same calls in the test names).
describe('JavaRandom equals java.util.Random', () => {
  it('new Random(42): nextInt(), nextInt(10), nextInt(1 << 20), nextInt(MAX), nextDouble(), nextLong()', () => {
    const r = new JavaRandom(42);
    expect(r.nextInt32()).toBe(-1170105035);
    expect(r.nextInt(10)).toBe(3);
    expect(r.nextInt(1 << 20)).toBe(716411);
    expect(r.nextInt(2147483647)).toBe(102948884);
    expect(r.nextDouble()).toBe(0.30871945533265976);
    expect(r.nextLong()).toBe(5111195811822994797n);
  });

  it('negative and large seeds, reseeding', () => {
    const r = new JavaRandom(-7);
    expect(r.nextInt32()).toBe(1155869324);
    expect(r.nextInt(13)).toBe(7);
    expect(r.nextDouble()).toBe(0.6731811902798038);
    r.setSeed(123456789012345);
    expect(r.nextInt(1000000007)).toBe(436980167);
    expect(r.nextInt(1073741825)).toBe(185864260);
    expect(r.nextInt(3)).toBe(0);
    r.setSeed(42);
    expect(r.nextInt32()).toBe(-1170105035);
  });
});
