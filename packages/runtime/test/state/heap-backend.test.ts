import { HeapKeyedStateBackend } from '@tributary/runtime';
import { keyedStateSuite } from './keyed-state-suite.js';

keyedStateSuite('heap', (range, maxP, clock) => new HeapKeyedStateBackend(range, maxP, clock));
