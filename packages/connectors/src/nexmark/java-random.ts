/**
 * java.util.Random, bit for bit: the Nexmark reference generator seeds one with each event's id, so drawing the
 * same numbers in the same order reproduces the reference's event. The 48-bit LCG state is kept as two 24-bit
 * halves so every step is exact in doubles/int32 (a 48-bit product does not fit a double's 53-bit mantissa).
 * One instance is reseeded per event: no allocation per event.
 */
const MUL_LO = 0xece66d; // 0x5DEECE66D = MUL_HI * 2^24 + MUL_LO
const MUL_HI = 0x5de;
const TWO24 = 16777216;

export class JavaRandom {
  private lo = 0;
  private hi = 0;

  constructor(seed = 0) {
    this.setSeed(seed);
  }

  /** new Random(seed): seed is a safe integer (negative seeds use their two's complement low 48 bits). */
  setSeed(seed: number): void {
    let lo: number;
    let hi: number;
    if (seed >= 0) {
      lo = seed % TWO24;
      hi = Math.floor(seed / TWO24) % TWO24;
    } else {
      // Two's complement of a negative safe integer, low 48 bits.
      const big = BigInt.asUintN(48, BigInt(seed));
      lo = Number(big & 0xffffffn);
      hi = Number(big >> 24n);
    }
    this.lo = lo ^ MUL_LO;
    this.hi = hi ^ MUL_HI;
  }

  /** One LCG step; returns the top `bits` bits (1..32) as Java's `next(bits)` (an int, so bits=32 may be negative). */
  next(bits: number): number {
    const lo = this.lo;
    const hi = this.hi;
    const p = lo * MUL_LO + 0xb; // < 2^48: exact
    const carry = Math.floor(p / TWO24);
    const newLo = p - carry * TWO24;
    // Only the low 24 bits of the high half survive: int32 products keep them exactly.
    const newHi = (Math.imul(hi, MUL_LO) + Math.imul(lo, MUL_HI) + carry) & 0xffffff;
    this.lo = newLo;
    this.hi = newHi;
    // seed >>> (48 - bits), as an int.
    const shift = 48 - bits;
    if (shift >= 24) return (newHi >>> (shift - 24)) | 0;
    return ((newHi * (1 << (24 - shift)) + (newLo >>> shift)) | 0) as number;
  }

  /** Random.nextInt(): 32 random bits as a signed int. */
  nextInt32(): number {
    return this.next(32);
  }

  /** Random.nextInt(bound), bound in [1, 2^31 - 1], including Java's rejection loop. */
  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Math.floor((bound * r) / 2147483648); // power of two: exact product
    for (let u = r; u - (r = u % bound) + m > 2147483647; u = this.next(31)) {
      // Rejected: u falls in the incomplete last bucket (Java detects it by int overflow).
    }
    return r;
  }

  /** Random.nextLong() as a BigInt (rarely needed: only for ranges beyond an int). */
  nextLong(): bigint {
    const a = BigInt(this.next(32));
    const b = BigInt(this.next(32));
    return BigInt.asIntN(64, (a << 32n) + b);
  }

  /** Random.nextDouble(): 53 random bits. */
  nextDouble(): number {
    const a = this.next(26);
    const b = this.next(27);
    return (a * 134217728 + b) / 9007199254740992;
  }
}
