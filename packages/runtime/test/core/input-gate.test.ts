import { EventKind, LocalChannel } from '@tributary/runtime';
import { describe, expect, it } from 'vitest';
// Internal pieces of the exchange are not part of the package API; the test reads them from the build.
import { type GateChannel, InputGate } from '../../dist/execution/input-gate.js';

function gate(inputs: (0 | 1)[]): { g: InputGate; ch: GateChannel[] } {
  const ch: GateChannel[] = inputs.map((inputIndex) => ({
    channel: new LocalChannel(4, () => {}),
    inputIndex,
    watermark: Number.NEGATIVE_INFINITY,
    idle: false,
    finished: false,
    blocked: false,
  }));
  return { g: new InputGate(ch), ch };
}

describe('InputGate watermarks', () => {
  it('combines watermarks as the minimum over channels and only reports advances', () => {
    const { g, ch } = gate([0, 0, 0]);
    expect(g.updateWatermark(ch[0]!, 10)).toBeUndefined(); // others still at -inf
    expect(g.updateWatermark(ch[1]!, 5)).toBeUndefined();
    expect(g.updateWatermark(ch[2]!, 7)).toBe(5);
    expect(g.updateWatermark(ch[1]!, 20)).toBe(7);
    // A channel going backwards changes nothing: its own watermark stays, the combined one too.
    expect(g.updateWatermark(ch[2]!, 1)).toBeUndefined();
    expect(ch[2]!.watermark).toBe(7);
    expect(g.updateWatermark(ch[2]!, 15)).toBe(10);
    expect(g.watermark).toBe(10);
  });

  it('is the minimum over both inputs of a two-input head', () => {
    const { g, ch } = gate([0, 0, 1, 1]);
    const seen: (number | undefined)[] = [];
    seen.push(g.updateWatermark(ch[0]!, 100));
    seen.push(g.updateWatermark(ch[1]!, 100));
    seen.push(g.updateWatermark(ch[2]!, 30));
    seen.push(g.updateWatermark(ch[3]!, 50)); // input 1 = min(30, 50) = 30; input 0 = 100
    seen.push(g.updateWatermark(ch[2]!, 200)); // input 1 = 50
    seen.push(g.updateWatermark(ch[3]!, 300)); // input 1 = 200, input 0 = 100
    expect(seen).toEqual([undefined, undefined, undefined, 30, 50, 100]);
  });

  it('idle channels do not hold the watermark back; a returning channel cannot move it backwards', () => {
    const { g, ch } = gate([0, 0]);
    expect(g.updateWatermark(ch[0]!, 50)).toBeUndefined();
    expect(g.updateIdle(ch[1]!, true)).toBe(50);
    expect(g.isIdle()).toBe(false);
    expect(g.updateWatermark(ch[0]!, 60)).toBe(60);
    // Channel 1 comes back active at -inf (or behind): the combined watermark stays at 60.
    expect(g.updateIdle(ch[1]!, false)).toBeUndefined();
    expect(g.watermark).toBe(60);
    expect(g.updateWatermark(ch[1]!, 40)).toBeUndefined();
    expect(g.updateWatermark(ch[0]!, 70)).toBeUndefined(); // min(70, 40) = 40 < 60
    expect(g.updateWatermark(ch[1]!, 65)).toBe(65);
  });

  it('is idle only when every unfinished channel is idle', () => {
    const { g, ch } = gate([0, 0]);
    g.updateIdle(ch[0]!, true);
    expect(g.isIdle()).toBe(false);
    expect(g.updateIdle(ch[1]!, true)).toBeUndefined();
    expect(g.isIdle()).toBe(true);
    g.updateIdle(ch[0]!, false);
    expect(g.isIdle()).toBe(false);
  });

  it('a finished channel releases the watermark of the others; MAX arrives when all send it', () => {
    const { g, ch } = gate([0, 0]);
    g.updateWatermark(ch[0]!, 10);
    expect(g.finishChannel(ch[1]!)).toBe(10);
    expect(g.allFinished()).toBe(false);
    expect(g.updateWatermark(ch[0]!, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    g.finishChannel(ch[0]!);
    expect(g.allFinished()).toBe(true);
  });

  it('polls channels round robin so that one busy channel does not starve another', () => {
    const { g, ch } = gate([0, 0]);
    const buf = (v: number) => ({ kind: EventKind.Data as const, values: [v], timestamps: [0] });
    for (let i = 0; i < 3; i++) {
      (ch[0]!.channel as LocalChannel).send(buf(i));
      (ch[1]!.channel as LocalChannel).send(buf(100 + i));
    }
    const order: number[] = [];
    for (;;) {
      const p = g.poll();
      if (p === undefined) break;
      order.push((p.entry as { values: number[] }).values[0]!);
      g.rotate();
    }
    // Per channel order is kept and the two channels alternate.
    expect(order).toEqual([0, 100, 1, 101, 2, 102]);
  });
});
