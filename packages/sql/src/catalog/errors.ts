import { didYouMean, TributaryError } from '@tributary/core';
import type { ObjectPath } from './identifiers.js';
import { type CatalogPartitionSpec, formatPartitionSpec } from './objects.js';

/*
 * Catalog errors carry Flink's exception names (DatabaseNotExistException, ...) and Flink's messages, with a
 * "Did you mean" suggestion appended where the caller knows the existing names.
 */

/** A failure of a catalog that is not one of the specific cases below (Flink's CatalogException). */
export class CatalogException extends TributaryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CATALOG', message, options);
  }
}

/** A statement that is invalid against the catalogs' current contents (Flink's ValidationException). */
export class CatalogValidationException extends TributaryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('VALIDATION', message, options);
  }
}

export class CatalogNotExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    candidates: Iterable<string> = [],
  ) {
    super('CATALOG_NOT_EXIST', `Catalog ${catalogName} does not exist.${didYouMean(catalogName, candidates)}`);
  }
}

export class DatabaseNotExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly databaseName: string,
    candidates: Iterable<string> = [],
  ) {
    super(
      'DATABASE_NOT_EXIST',
      `Database ${databaseName} does not exist in Catalog ${catalogName}.${didYouMean(databaseName, candidates)}`,
    );
  }
}

export class DatabaseAlreadyExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly databaseName: string,
  ) {
    super('DATABASE_ALREADY_EXIST', `Database ${databaseName} already exists in Catalog ${catalogName}.`);
  }
}

export class DatabaseNotEmptyException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly databaseName: string,
  ) {
    super(
      'DATABASE_NOT_EMPTY',
      `Database ${databaseName} in catalog ${catalogName} is not empty. ` +
        `Drop its tables, views and functions first, or use DROP DATABASE ... CASCADE.`,
    );
  }
}

export class TableNotExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly tablePath: ObjectPath,
    hint = '',
  ) {
    super('TABLE_NOT_EXIST', `Table (or view) ${tablePath.fullName} does not exist in Catalog ${catalogName}.${hint}`);
  }
}

export class TableAlreadyExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly tablePath: ObjectPath,
  ) {
    super('TABLE_ALREADY_EXIST', `Table (or view) ${tablePath.fullName} already exists in Catalog ${catalogName}.`);
  }
}

export class TableNotPartitionedException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly tablePath: ObjectPath,
  ) {
    super('TABLE_NOT_PARTITIONED', `Table ${tablePath.fullName} in catalog ${catalogName} is not partitioned.`);
  }
}

export class PartitionSpecInvalidException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly partitionKeys: readonly string[],
    readonly tablePath: ObjectPath,
    readonly partitionSpec: CatalogPartitionSpec,
  ) {
    const unknown = Object.keys(partitionSpec).filter((k) => !partitionKeys.includes(k));
    const hint = unknown.length > 0 ? didYouMean(unknown[0]!, partitionKeys) : '';
    super(
      'PARTITION_SPEC_INVALID',
      `PartitionSpec ${formatPartitionSpec(partitionSpec)} does not match partition keys [${partitionKeys.join(', ')}] ` +
        `of table ${tablePath.fullName} in catalog ${catalogName}.${hint}`,
    );
  }
}

export class PartitionNotExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly tablePath: ObjectPath,
    readonly partitionSpec: CatalogPartitionSpec,
  ) {
    super(
      'PARTITION_NOT_EXIST',
      `Partition ${formatPartitionSpec(partitionSpec)} of table ${tablePath.fullName} in catalog ${catalogName} does not exist.`,
    );
  }
}

export class PartitionAlreadyExistsException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly tablePath: ObjectPath,
    readonly partitionSpec: CatalogPartitionSpec,
  ) {
    super(
      'PARTITION_ALREADY_EXISTS',
      `Partition ${formatPartitionSpec(partitionSpec)} of table ${tablePath.fullName} in catalog ${catalogName} already exists.`,
    );
  }
}

export class FunctionNotExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly functionPath: ObjectPath,
    hint = '',
  ) {
    super('FUNCTION_NOT_EXIST', `Function ${functionPath.fullName} does not exist in Catalog ${catalogName}.${hint}`);
  }
}

export class FunctionAlreadyExistException extends TributaryError {
  constructor(
    readonly catalogName: string,
    readonly functionPath: ObjectPath,
  ) {
    super('FUNCTION_ALREADY_EXIST', `Function ${functionPath.fullName} already exists in Catalog ${catalogName}.`);
  }
}
