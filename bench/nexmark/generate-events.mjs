// Writes Nexmark events to a file that another engine (e.g. Apache Flink's filesystem connector) can read.
// Usage: npm run build && node bench/nexmark/generate-events.mjs --events 1000000 --format json --out /tmp/nexmark.json
//          [--generators N] [--header] [--set key=value ...]   (key: any nexmark option, e.g. first-event.rate=50000)
//
// json: one JSON object per line, as Flink nexmark's `datagen` table:
//   {"event_type":0|1|2, "person":{id,name,emailAddress,creditCard,city,state,dateTime,extra}|null,
//    "auction":{id,itemName,description,initialBid,reserve,dateTime,expires,seller,category,extra}|null,
//    "bid":{auction,bidder,price,channel,url,dateTime,extra}|null, "dateTime":...}
// csv: one flat row per event, columns NEXMARK_CSV_COLUMNS (printed by --help); absent rows' fields empty (null),
//   strings always double-quoted.
// Timestamps are UTC text 'yyyy-MM-dd HH:mm:ss.SSS' (Flink SQL TIMESTAMP(3)). Same options -> same file.
import { NEXMARK_CSV_COLUMNS, writeNexmarkEvents } from '../../packages/connectors/dist/index.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.length === 0) {
  console.log(
    'node bench/nexmark/generate-events.mjs --events N --format json|csv --out FILE [--generators N] [--header] [--set key=value ...]',
  );
  console.log(`CSV columns: ${NEXMARK_CSV_COLUMNS.join(',')}`);
  process.exit(args.length === 0 ? 1 : 0);
}
const options = {};
let format = 'json';
let out;
let header = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    return v;
  };
  if (a === '--events') options['events.num'] = value();
  else if (a === '--format') format = value();
  else if (a === '--out') out = value();
  else if (a === '--generators') options['num.event.generators'] = value();
  else if (a === '--header') header = true;
  else if (a === '--set') {
    const kv = value();
    const eq = kv.indexOf('=');
    if (eq < 0) throw new Error(`--set expects key=value, got '${kv}'`);
    options[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else throw new Error(`Unknown argument '${a}' (see --help)`);
}
if (out === undefined) throw new Error('--out FILE is required');
const t0 = performance.now();
const r = await writeNexmarkEvents({ ...options, format, path: out, header });
const s = (performance.now() - t0) / 1000;
console.log(
  `wrote ${r.events} events (${(r.bytes / 1048576).toFixed(1)} MiB) to ${r.path} in ${s.toFixed(2)} s (${Math.round(r.events / s)} events/s)`,
);
