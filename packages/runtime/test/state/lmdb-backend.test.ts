import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@tributary/core';
import { LmdbKeyedStateBackend, StateDescriptors, type ValueState } from '@tributary/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { keyedStateSuite } from './keyed-state-suite.js';

const root = mkdtempSync(join(tmpdir(), 'tributary-lmdb-test-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

keyedStateSuite('lmdb', (range, maxP, clock) => new LmdbKeyedStateBackend(range, maxP, clock, join(root, `b${n++}`)));
// Every write committed at once (no write-back batching): the same contract must hold.
keyedStateSuite(
  'lmdb, write-through',
  (range, maxP, clock) => new LmdbKeyedStateBackend(range, maxP, clock, join(root, `w${n++}`), { writeBatchSize: 0 }),
);

describe('lmdb backend specifics', () => {
  it('dispose removes its directory', async () => {
    const dir = join(root, 'disposed');
    const b = new LmdbKeyedStateBackend({ start: 0, end: 127 }, 128, new ManualClock(), dir);
    const v = b.getOrCreateState<ValueState<number>>(StateDescriptors.value('v'));
    b.setCurrentKey('a');
    v.update(1);
    b.snapshot();
    expect(existsSync(dir)).toBe(true);
    await b.dispose();
    expect(existsSync(dir)).toBe(false);
  });

  it('names the state key when it is too large', () => {
    const b = new LmdbKeyedStateBackend({ start: 0, end: 127 }, 128, new ManualClock(), join(root, 'big'));
    expect(() => b.setCurrentKey('x'.repeat(5000))).toThrow(/State key is too large for the lmdb state backend/);
    return b.dispose();
  });
});
