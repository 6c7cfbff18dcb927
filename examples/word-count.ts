// Word count over a bounded collection: run with `npx tributary run examples/word-count.ts -p 2`.
import { StreamExecutionEnvironment } from 'tributary';

const text = [
  'to be or not to be that is the question',
  'whether tis nobler in the mind to suffer',
  'the slings and arrows of outrageous fortune',
  'or to take arms against a sea of troubles',
];

const env = StreamExecutionEnvironment.getExecutionEnvironment();
env
  .fromCollection(text)
  .flatMap((line: string) => line.split(/\s+/).map((word) => ({ word, count: 1 })), 'Tokenize')
  .keyBy((wc) => wc.word)
  .sum('count')
  .print();

await env.execute('word-count');
