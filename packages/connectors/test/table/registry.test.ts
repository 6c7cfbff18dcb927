import {
  createDefaultTableFactoryRegistry,
  defaultTableFactoryRegistry,
  TableValidationError,
} from '@tributary/connectors';
import { Types } from '@tributary/core';
import { describe, expect, it } from 'vitest';
import { errorOf, tableCtx } from './helpers.js';

const cols = { id: Types.int(), name: Types.string() };

describe('TableFactoryRegistry', () => {
  it('has the built-in connectors', () => {
    expect(defaultTableFactoryRegistry.identifiers()).toEqual(['blackhole', 'datagen', 'filesystem', 'print']);
  });

  it('rejects an unknown connector listing the available ones and the closest', () => {
    const e = errorOf(() => defaultTableFactoryRegistry.createSource(tableCtx({ connector: 'datagne' }, cols)));
    expect(e).toBeInstanceOf(TableValidationError);
    expect(e.message).toContain(
      "Could not find any factory for identifier 'datagne' that implements 'DynamicTableFactory'. Available factory identifiers are:\n\nblackhole\ndatagen\nfilesystem\nprint",
    );
    expect(e.message).toContain("Did you mean 'datagen'?");
  });

  it('rejects a table without a connector option', () => {
    const e = errorOf(() => defaultTableFactoryRegistry.createSink(tableCtx({}, cols)));
    expect(e.message).toContain("Table options do not contain an option key 'connector'");
  });

  it('lists missing required options', () => {
    const e = errorOf(() => defaultTableFactoryRegistry.createSink(tableCtx({ connector: 'filesystem' }, cols)));
    expect(e.message).toContain('Missing required options are:\n\nformat\npath');
  });

  it('lists unknown options with the closest valid key and the supported ones', () => {
    const e = errorOf(() =>
      defaultTableFactoryRegistry.createSource(
        tableCtx({ connector: 'datagen', 'rows-per-secnd': '5', 'fields.id.knd': 'sequence' }, cols),
      ),
    );
    expect(e.message).toContain("Unsupported options found for 'datagen'");
    expect(e.message).toContain("fields.id.knd (did you mean 'fields.id.kind'?)");
    expect(e.message).toContain("rows-per-secnd (did you mean 'rows-per-second'?)");
    // per-column keys are expanded with the column names
    expect(e.message).toContain('Supported options:\n\nconnector\nfields.id.end\n');
    expect(e.message).toContain('fields.name.var-len');
  });

  it('accepts the format options of the chosen format only', () => {
    const reg = createDefaultTableFactoryRegistry();
    const ok = tableCtx({ connector: 'filesystem', path: '/tmp/x', format: 'csv', 'csv.field-delimiter': '|' }, cols);
    expect(reg.createSink(ok).acceptedChangelogMode).toBe('insert-only');
    const e = errorOf(() =>
      reg.createSink(
        tableCtx({ connector: 'filesystem', path: '/tmp/x', format: 'csv', 'json.ignore-parse-errors': 'true' }, cols),
      ),
    );
    expect(e.message).toContain('Unsupported options:\n\njson.ignore-parse-errors');
    const f = errorOf(() => reg.createSink(tableCtx({ connector: 'filesystem', path: '/tmp/x', format: 'jsn' }, cols)));
    expect(f.message).toContain("Could not find any format factory for identifier 'jsn'");
    expect(f.message).toContain("Did you mean 'json'?");
  });

  it('names the key of a bad option value', () => {
    const bad = [
      [{ 'rows-per-second': 'fast' }, "Could not parse value 'fast' for key 'rows-per-second'"],
      [{ 'number-of-rows': '-1' }, "Could not parse value '-1' for key 'number-of-rows'"],
      [{ 'fields.id.kind': 'sequense' }, "key 'fields.id.kind'"],
      [{ 'fields.id.null-rate': 'x' }, "Could not parse value 'x' for key 'fields.id.null-rate'"],
    ] as const;
    for (const [opts, msg] of bad) {
      const e = errorOf(() =>
        defaultTableFactoryRegistry.createSource(tableCtx({ connector: 'datagen', ...opts }, cols)),
      );
      expect(e.message).toContain(msg);
    }
    const k = errorOf(() =>
      defaultTableFactoryRegistry.createSource(tableCtx({ connector: 'datagen', 'fields.id.kind': 'sequense' }, cols)),
    );
    expect(k.message).toContain("Did you mean 'sequence'?");
    const d = errorOf(() =>
      defaultTableFactoryRegistry.createSink(
        tableCtx(
          {
            connector: 'filesystem',
            path: '/tmp/x',
            format: 'csv',
            'sink.rolling-policy.rollover-interval': '5 parsecs',
          },
          cols,
        ),
      ),
    );
    expect(d.message).toContain("Could not parse value '5 parsecs' for key 'sink.rolling-policy.rollover-interval'");
    const b = errorOf(() =>
      defaultTableFactoryRegistry.createSink(tableCtx({ connector: 'print', 'standard-error': 'yes' }, cols)),
    );
    expect(b.message).toContain("Could not parse value 'yes' for key 'standard-error'");
  });

  it('rejects using a sink-only connector as a source', () => {
    const e = errorOf(() => defaultTableFactoryRegistry.createSource(tableCtx({ connector: 'print' }, cols)));
    expect(e.message).toContain("Connector 'print' can only be used as a sink. It cannot be used as a source");
  });
});
