import { didYouMean } from '@tributary/core';
import { CatalogValidationException } from './errors.js';
import type { CatalogBaseTable } from './objects.js';
import { physicalColumnNames, validateSchema } from './schema.js';

/**
 * Checks Flink makes when the CatalogManager resolves a table before storing it: the schema's structure, partition
 * keys on physical columns, and a view's query text. `where` names the object for messages.
 */
export function validateCatalogBaseTable(table: CatalogBaseTable, where: string): void {
  validateSchema(table.schema, where);
  for (const [k, v] of Object.entries(table.options)) {
    if (typeof v !== 'string') {
      throw new CatalogValidationException(`Table ${where}: option '${k}' must be a string, got ${typeof v}.`);
    }
  }
  if (table.kind === 'VIEW') {
    if (!table.originalQuery.trim() || !table.expandedQuery.trim()) {
      throw new CatalogValidationException(`View ${where} has an empty query.`);
    }
    return;
  }
  const physical = physicalColumnNames(table.schema);
  const seen = new Set<string>();
  for (const key of table.partitionKeys) {
    if (!physical.includes(key)) {
      throw new CatalogValidationException(
        `Table ${where}: invalid partition key '${key}'. A partition key must reference a physical column in the ` +
          `schema. Available columns are: [${physical.join(', ')}].${didYouMean(key, physical)}`,
      );
    }
    if (seen.has(key)) throw new CatalogValidationException(`Table ${where}: partition key '${key}' is listed twice.`);
    seen.add(key);
  }
}
