import { csvFormat } from './csv.js';
import { FormatFactoryRegistry } from './format-factory.js';
import { jsonFormat } from './json.js';

/** The built-in formats: csv and json. */
export function defaultFormatRegistry(): FormatFactoryRegistry {
  return new FormatFactoryRegistry().register(csvFormat).register(jsonFormat);
}
