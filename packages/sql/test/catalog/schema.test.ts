import { SchemaBuilder, schemaBuilder, validateSchema } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

describe('SchemaBuilder (Flink Schema.newBuilder)', () => {
  it('builds the unresolved form with comments, metadata columns, watermark and a generated PK name', () => {
    const s = schemaBuilder()
      .column('user_id', 'BIGINT NOT NULL')
      .withComment('who')
      .column('item', 'ROW<id INT, tags ARRAY<STRING>>')
      .columnByExpression('cost', 'price * qty')
      .columnByMetadata('offset', 'BIGINT', undefined, true)
      .columnByMetadata('event_time', 'TIMESTAMP_LTZ(3)', 'timestamp')
      .watermark('event_time', "event_time - INTERVAL '5' SECOND")
      .primaryKey('user_id', 'item')
      .build();
    expect(s).toEqual({
      columns: [
        { kind: 'physical', name: 'user_id', dataType: 'BIGINT NOT NULL', comment: 'who' },
        { kind: 'physical', name: 'item', dataType: 'ROW<id INT, tags ARRAY<STRING>>' },
        { kind: 'computed', name: 'cost', expression: 'price * qty' },
        { kind: 'metadata', name: 'offset', dataType: 'BIGINT', isVirtual: true },
        {
          kind: 'metadata',
          name: 'event_time',
          dataType: 'TIMESTAMP_LTZ(3)',
          metadataKey: 'timestamp',
          isVirtual: false,
        },
      ],
      watermarkSpecs: [{ columnName: 'event_time', expression: "event_time - INTERVAL '5' SECOND" }],
      primaryKey: { constraintName: 'PK_user_id_item', columnNames: ['user_id', 'item'] },
    });
    // JSON round trip is lossless.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    // fromSchema copies.
    const copy = new SchemaBuilder().fromSchema(s).column('extra', 'INT').build();
    expect(copy.columns).toHaveLength(6);
    expect(s.columns).toHaveLength(5);
    expect(copy.primaryKey).toEqual(s.primaryKey);
  });

  it('builder misuse', () => {
    expect(() => schemaBuilder().withComment('x')).toThrow(
      "Method 'withComment(...)' must be called after a column definition, but there is no preceding column defined.",
    );
    expect(() => schemaBuilder().column('a', 'INT').primaryKey('a').primaryKey('a')).toThrow(
      'Multiple primary keys are not supported.',
    );
    expect(() => schemaBuilder().primaryKeyNamed('pk')).toThrow(
      'Primary key constraint must be defined for at least a single column.',
    );
  });
});

describe('validateSchema', () => {
  const base = () => schemaBuilder().column('id', 'INT').column('ts', 'TIMESTAMP(3)').columnByExpression('c', 'id + 1');

  it('accepts a valid schema, including a nested rowtime field', () => {
    validateSchema(base().primaryKey('id').watermark('ts', 'ts').build(), 't');
    validateSchema(schemaBuilder().column('r', 'ROW<t TIMESTAMP(3)>').watermark('r.t', 'r.t').build(), 't');
  });

  it('rejects duplicates, bad primary keys and watermarks, naming the table and suggesting', () => {
    expect(() => validateSchema(base().column('id', 'STRING').build(), 'db.t')).toThrow(
      'Table db.t: schema must not contain duplicate column names. Found duplicates: [id]',
    );
    expect(() => validateSchema(base().primaryKey('idd').build(), 'db.t')).toThrow(
      "Table db.t: could not create a PRIMARY KEY 'PK_idd'. Column 'idd' does not exist. Did you mean 'id'?",
    );
    expect(() => validateSchema(base().primaryKey('c').build(), 'db.t')).toThrow(
      "Column 'c' is not a physical column.",
    );
    expect(() => validateSchema(base().primaryKey('id', 'id').build(), 'db.t')).toThrow('with duplicate column');
    expect(() => validateSchema(base().watermark('tss', 'tss').build(), 'db.t')).toThrow(
      "Table db.t: invalid column name 'tss' for rowtime attribute in watermark declaration. Available columns are: [id, ts, c]. Did you mean 'ts'?",
    );
    expect(() => validateSchema(base().watermark('ts', 'ts').watermark('ts', 'ts').build(), 'db.t')).toThrow(
      'multiple watermark definitions are not supported yet.',
    );
    expect(() => validateSchema(base().watermark('ts', ' ').build(), 'db.t')).toThrow('watermark expression');
    expect(() => validateSchema(schemaBuilder().column('a', '').build(), 'db.t')).toThrow(
      "Table db.t: column 'a' has no data type.",
    );
    expect(() => validateSchema(schemaBuilder().columnByExpression('a', '').build(), 'db.t')).toThrow(
      "computed column 'a' has an empty expression",
    );
  });
});
