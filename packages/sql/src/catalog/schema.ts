import { didYouMean } from '@tributary/core';
import { CatalogValidationException } from './errors.js';

/*
 * Flink's unresolved Schema (org.apache.flink.table.api.Schema): what a catalog stores. Data types are Flink type
 * strings ('BIGINT NOT NULL', 'ROW<a INT>') and expressions are SQL text; the planner resolves both later. Plain
 * JSON-compatible objects, so a schema survives a restart byte for byte.
 */

export interface UnresolvedPhysicalColumn {
  kind: 'physical';
  name: string;
  /** Flink type string, e.g. 'BIGINT NOT NULL'. */
  dataType: string;
  comment?: string;
}

export interface UnresolvedComputedColumn {
  kind: 'computed';
  name: string;
  /** SQL expression text, e.g. 'price * quantity'. */
  expression: string;
  comment?: string;
}

export interface UnresolvedMetadataColumn {
  kind: 'metadata';
  name: string;
  dataType: string;
  /** The connector's metadata key when it differs from the column name (METADATA FROM 'key'). */
  metadataKey?: string;
  /** VIRTUAL: read-only, excluded from the sink's persisted columns. */
  isVirtual: boolean;
  comment?: string;
}

export type UnresolvedColumn = UnresolvedPhysicalColumn | UnresolvedComputedColumn | UnresolvedMetadataColumn;

export interface UnresolvedWatermarkSpec {
  /** Rowtime column; may be a nested field path 'a.b' as Flink allows. */
  columnName: string;
  /** SQL expression text, e.g. "ts - INTERVAL '5' SECOND". */
  expression: string;
}

export interface UnresolvedPrimaryKey {
  constraintName: string;
  columnNames: string[];
}

export interface UnresolvedSchema {
  columns: UnresolvedColumn[];
  watermarkSpecs: UnresolvedWatermarkSpec[];
  primaryKey?: UnresolvedPrimaryKey;
}

/** Builder in the style of Flink's Schema.newBuilder(). */
export class SchemaBuilder {
  private readonly columns: UnresolvedColumn[] = [];
  private readonly watermarkSpecs: UnresolvedWatermarkSpec[] = [];
  private primaryKeySpec: UnresolvedPrimaryKey | undefined;

  /** Starts from a copy of an existing schema (Flink's fromSchema). */
  fromSchema(schema: UnresolvedSchema): this {
    const copy = copySchema(schema);
    this.columns.push(...copy.columns);
    this.watermarkSpecs.push(...copy.watermarkSpecs);
    if (copy.primaryKey) this.primaryKeyNamed(copy.primaryKey.constraintName, ...copy.primaryKey.columnNames);
    return this;
  }

  column(name: string, dataType: string): this {
    this.columns.push({ kind: 'physical', name, dataType });
    return this;
  }

  columnByExpression(name: string, expression: string): this {
    this.columns.push({ kind: 'computed', name, expression });
    return this;
  }

  columnByMetadata(name: string, dataType: string, metadataKey?: string, isVirtual = false): this {
    const column: UnresolvedMetadataColumn = { kind: 'metadata', name, dataType, isVirtual };
    if (metadataKey !== undefined) column.metadataKey = metadataKey;
    this.columns.push(column);
    return this;
  }

  /** Comment of the column defined last. */
  withComment(comment: string): this {
    const last = this.columns[this.columns.length - 1];
    if (!last) {
      throw new CatalogValidationException(
        "Method 'withComment(...)' must be called after a column definition, but there is no preceding column defined.",
      );
    }
    last.comment = comment;
    return this;
  }

  watermark(columnName: string, expression: string): this {
    this.watermarkSpecs.push({ columnName, expression });
    return this;
  }

  /** Primary key with Flink's generated name PK_col1_col2. */
  primaryKey(...columnNames: string[]): this {
    return this.primaryKeyNamed(`PK_${columnNames.join('_')}`, ...columnNames);
  }

  primaryKeyNamed(constraintName: string, ...columnNames: string[]): this {
    if (this.primaryKeySpec) throw new CatalogValidationException('Multiple primary keys are not supported.');
    if (!constraintName) throw new CatalogValidationException('Primary key constraint name must not be empty.');
    if (columnNames.length === 0) {
      throw new CatalogValidationException('Primary key constraint must be defined for at least a single column.');
    }
    this.primaryKeySpec = { constraintName, columnNames: [...columnNames] };
    return this;
  }

  build(): UnresolvedSchema {
    const schema: UnresolvedSchema = { columns: [...this.columns], watermarkSpecs: [...this.watermarkSpecs] };
    if (this.primaryKeySpec) schema.primaryKey = this.primaryKeySpec;
    return copySchema(schema);
  }
}

export function schemaBuilder(): SchemaBuilder {
  return new SchemaBuilder();
}

export function copySchema(schema: UnresolvedSchema): UnresolvedSchema {
  return structuredClone(schema);
}

/** Names of the physical columns, the only ones partition keys and primary keys may use. */
export function physicalColumnNames(schema: UnresolvedSchema): string[] {
  return schema.columns.filter((c) => c.kind === 'physical').map((c) => c.name);
}

/**
 * Structural checks Flink applies when it resolves a schema (DefaultSchemaResolver): unique column names, primary
 * key on existing physical columns, at most one watermark on an existing column. Types and expressions are checked
 * later, by the planner. `where` names the table for the message.
 */
export function validateSchema(schema: UnresolvedSchema, where: string): void {
  const names = schema.columns.map((c) => c.name);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const c of schema.columns) {
    if (!c.name) throw new CatalogValidationException(`Table ${where}: a column has an empty name.`);
    if (seen.has(c.name)) duplicates.add(c.name);
    seen.add(c.name);
    if (c.kind === 'computed') {
      if (!c.expression?.trim()) {
        throw new CatalogValidationException(`Table ${where}: computed column '${c.name}' has an empty expression.`);
      }
    } else if (!c.dataType?.trim()) {
      throw new CatalogValidationException(`Table ${where}: column '${c.name}' has no data type.`);
    }
  }
  if (duplicates.size > 0) {
    throw new CatalogValidationException(
      `Table ${where}: schema must not contain duplicate column names. Found duplicates: [${[...duplicates].join(', ')}]`,
    );
  }
  const pk = schema.primaryKey;
  if (pk) {
    const pkSeen = new Set<string>();
    for (const col of pk.columnNames) {
      const column = schema.columns.find((c) => c.name === col);
      if (!column) {
        throw new CatalogValidationException(
          `Table ${where}: could not create a PRIMARY KEY '${pk.constraintName}'. Column '${col}' does not exist.` +
            didYouMean(col, names),
        );
      }
      if (column.kind !== 'physical') {
        throw new CatalogValidationException(
          `Table ${where}: could not create a PRIMARY KEY '${pk.constraintName}'. Column '${col}' is not a physical column.`,
        );
      }
      if (pkSeen.has(col)) {
        throw new CatalogValidationException(
          `Table ${where}: could not create a PRIMARY KEY '${pk.constraintName}' with duplicate column '${col}'.`,
        );
      }
      pkSeen.add(col);
    }
  }
  if (schema.watermarkSpecs.length > 1) {
    throw new CatalogValidationException(`Table ${where}: multiple watermark definitions are not supported yet.`);
  }
  for (const wm of schema.watermarkSpecs) {
    const top = wm.columnName.split('.')[0]!;
    if (!seen.has(top)) {
      throw new CatalogValidationException(
        `Table ${where}: invalid column name '${wm.columnName}' for rowtime attribute in watermark declaration. ` +
          `Available columns are: [${names.join(', ')}].${didYouMean(top, names)}`,
      );
    }
    if (!wm.expression?.trim()) {
      throw new CatalogValidationException(`Table ${where}: the watermark expression for '${wm.columnName}' is empty.`);
    }
  }
}
