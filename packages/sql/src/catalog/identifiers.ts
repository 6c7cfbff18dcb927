import { TributaryError } from '@tributary/core';

/** Quotes one identifier part with backticks (Flink's serializable form), doubling embedded backticks. */
export function escapeIdentifierPart(part: string): string {
  return '`' + part.replaceAll('`', '``') + '`';
}

/** Path of an object inside one catalog: database and object name (Flink's ObjectPath). */
export class ObjectPath {
  constructor(
    readonly databaseName: string,
    readonly objectName: string,
  ) {
    requireName(databaseName, 'database name');
    requireName(objectName, 'object name');
  }

  /** Parses 'db.object' (no quoting; names containing dots need the constructor). */
  static fromString(fullName: string): ObjectPath {
    const parts = fullName.split('.');
    if (parts.length !== 2) {
      throw new TributaryError('CATALOG', `Cannot parse object path '${fullName}': expected 'database.object'.`);
    }
    return new ObjectPath(parts[0]!, parts[1]!);
  }

  get fullName(): string {
    return `${this.databaseName}.${this.objectName}`;
  }

  equals(other: ObjectPath): boolean {
    return this.databaseName === other.databaseName && this.objectName === other.objectName;
  }

  toString(): string {
    return this.fullName;
  }
}

/** Fully qualified object name: catalog, database, object (Flink's ObjectIdentifier). */
export class ObjectIdentifier {
  constructor(
    readonly catalogName: string,
    readonly databaseName: string,
    readonly objectName: string,
  ) {
    requireName(catalogName, 'catalog name');
    requireName(databaseName, 'database name');
    requireName(objectName, 'object name');
  }

  static of(catalogName: string, databaseName: string, objectName: string): ObjectIdentifier {
    return new ObjectIdentifier(catalogName, databaseName, objectName);
  }

  toObjectPath(): ObjectPath {
    return new ObjectPath(this.databaseName, this.objectName);
  }

  /** Key usable in maps: parts joined by a character that cannot be typed in an identifier by accident. */
  get key(): string {
    return `${this.catalogName}\u0000${this.databaseName}\u0000${this.objectName}`;
  }

  /** cat.db.obj, unquoted (for messages). */
  asSummaryString(): string {
    return `${this.catalogName}.${this.databaseName}.${this.objectName}`;
  }

  /** `cat`.`db`.`obj`, quoted so it parses back. */
  asSerializableString(): string {
    return [this.catalogName, this.databaseName, this.objectName].map(escapeIdentifierPart).join('.');
  }

  equals(other: ObjectIdentifier): boolean {
    return this.key === other.key;
  }

  toString(): string {
    return this.asSerializableString();
  }
}

/** An identifier as written: 1 to 3 parts (object, db.object, catalog.db.object); qualified by the CatalogManager. */
export class UnresolvedIdentifier {
  readonly catalogName: string | undefined;
  readonly databaseName: string | undefined;
  readonly objectName: string;

  private constructor(parts: readonly string[]) {
    this.objectName = parts[parts.length - 1]!;
    this.databaseName = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    this.catalogName = parts.length === 3 ? parts[0] : undefined;
  }

  static of(...parts: string[]): UnresolvedIdentifier {
    if (parts.length === 0 || parts.length > 3) {
      throw new TributaryError(
        'VALIDATION',
        `Object identifier must have 1 to 3 parts (object, database.object or catalog.database.object), ` +
          `got ${parts.length}: ${parts.map(escapeIdentifierPart).join('.') || '(empty)'}.`,
      );
    }
    for (const [i, p] of parts.entries()) requireName(p, `identifier part ${i + 1}`);
    return new UnresolvedIdentifier(parts);
  }

  get parts(): string[] {
    const out: string[] = [];
    if (this.catalogName !== undefined) out.push(this.catalogName);
    if (this.databaseName !== undefined) out.push(this.databaseName);
    out.push(this.objectName);
    return out;
  }

  asSummaryString(): string {
    return this.parts.join('.');
  }

  toString(): string {
    return this.parts.map(escapeIdentifierPart).join('.');
  }
}

function requireName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TributaryError('VALIDATION', `The ${what} cannot be null or empty.`);
  }
}
