import { CatalogManager, catalogDatabase, catalogFunction, type FunctionLookupResult } from '@tributary/sql';
import { beforeEach, describe, expect, it } from 'vitest';

// Built-in names as the function registry would report them; lookups arrive lower-cased.
const BUILTINS = ['ABS', 'UPPER', 'CONCAT'];
const builtinFunctions = {
  has: (name: string) => BUILTINS.includes(name.toUpperCase()),
  names: () => BUILTINS,
};

let m: CatalogManager;
beforeEach(async () => {
  m = await CatalogManager.create({ builtinFunctions });
  await m.createDatabase('default_catalog', 'db1', catalogDatabase());
});

const kindOf = (r: FunctionLookupResult | undefined) => r?.kind;

describe('function resolution order (Flink FunctionCatalog)', () => {
  it('one-part names: temporary system, built-in, temporary catalog, catalog', async () => {
    await m.functions.createCatalogFunction(['upper'], catalogFunction('./cat.js#upper'));
    await m.functions.createCatalogFunction(['myfn'], catalogFunction('./cat.js#myfn'));
    // A catalog function named like a built-in is shadowed by the built-in for unqualified calls.
    expect(kindOf(await m.functions.lookupFunction(['UPPER']))).toBe('builtin');
    expect(await m.functions.lookupFunction(['MyFn'])).toEqual({
      kind: 'catalog',
      identifier: m.qualifyIdentifier(['myfn']),
      function: { className: './cat.js#myfn', language: 'JAVASCRIPT', resourceUris: [] },
    });

    m.functions.createTemporaryCatalogFunction(['myfn'], {
      kind: 'catalog',
      function: catalogFunction('./tmp.js#myfn'),
    });
    const tmp = await m.functions.lookupFunction(['myfn']);
    expect(tmp?.kind).toBe('temporary-catalog');

    const impl = (s: string) => s.toUpperCase();
    m.functions.createTemporarySystemFunction('MyFn', { kind: 'inline', definition: impl });
    m.functions.createTemporarySystemFunction('upper', { kind: 'inline', definition: impl });
    const sys = await m.functions.lookupFunction(['MYFN']);
    expect(sys).toEqual({ kind: 'temporary-system', name: 'myfn', entry: { kind: 'inline', definition: impl } });
    // Temporary system functions shadow built-ins too.
    expect(kindOf(await m.functions.lookupFunction(['upper']))).toBe('temporary-system');

    // Qualified names skip system and built-in functions.
    expect(kindOf(await m.functions.lookupFunction(['default_database', 'myfn']))).toBe('temporary-catalog');
    expect(kindOf(await m.functions.lookupFunction(['default_catalog', 'default_database', 'upper']))).toBe('catalog');

    m.functions.dropTemporarySystemFunction('myfn');
    expect(kindOf(await m.functions.lookupFunction(['myfn']))).toBe('temporary-catalog');
    m.functions.dropTemporaryCatalogFunction(['MYFN']);
    expect(kindOf(await m.functions.lookupFunction(['myfn']))).toBe('catalog');
  });

  it('resolves in the current database and follows USE', async () => {
    await m.functions.createCatalogFunction(['db1', 'f'], catalogFunction('./db1.js#f'));
    expect(await m.functions.lookupFunction(['f'])).toBeUndefined();
    await m.useDatabase('db1');
    expect(kindOf(await m.functions.lookupFunction(['f']))).toBe('catalog');
  });

  it('unknown functions suggest the closest visible name', async () => {
    await m.functions.createCatalogFunction(['parse_order'], catalogFunction('x'));
    await expect(m.functions.lookupFunctionOrError(['parse_ordr'])).rejects.toThrow(
      "No function named 'parse_ordr' was found. Did you mean 'parse_order'?",
    );
    await expect(m.functions.lookupFunctionOrError(['uper'])).rejects.toThrow("Did you mean 'UPPER'?");
    await expect(m.functions.lookupFunctionOrError(['nocat', 'db', 'f'])).rejects.toThrow(
      "No function named 'nocat.db.f' was found.",
    );
  });
});

describe('creating and dropping functions', () => {
  it('catalog functions cannot be created, altered or dropped under a temporary one of the same name', async () => {
    m.functions.createTemporaryCatalogFunction(['f'], { kind: 'inline', definition: () => 1 });
    await expect(m.functions.createCatalogFunction(['F'], catalogFunction('x'))).rejects.toThrow(
      "Could not register catalog function. A temporary function 'default_catalog.default_database.f' does already exist. Please drop the temporary function first.",
    );
    await expect(m.functions.alterCatalogFunction(['f'], catalogFunction('x'))).rejects.toThrow(
      'Alter temporary catalog function is not supported.',
    );
    await expect(m.functions.dropCatalogFunction(['f'])).rejects.toThrow(
      "Could not drop catalog function. A temporary function 'default_catalog.default_database.f' does already exist.",
    );
    m.functions.dropTemporaryCatalogFunction(['f']);
    await m.functions.createCatalogFunction(['f'], catalogFunction('x'));
    await m.functions.alterCatalogFunction(['f'], catalogFunction('y'));
    expect(await m.getCatalog('default_catalog')!.getFunction(m.qualifyIdentifier(['f']).toObjectPath())).toEqual(
      catalogFunction('y'),
    );
    await expect(m.functions.createCatalogFunction(['f'], catalogFunction('z'))).rejects.toThrow(
      "Could not register catalog function. A function 'default_catalog.default_database.f' does already exist.",
    );
    expect(await m.functions.dropCatalogFunction(['f'])).toBe(true);
    await expect(m.functions.dropCatalogFunction(['f'])).rejects.toThrow(
      "Could not drop catalog function. A function 'default_catalog.default_database.f' doesn't exist.",
    );
    expect(await m.functions.dropCatalogFunction(['f'], true)).toBe(false);
  });

  it('temporary function duplicates and missing ones', () => {
    m.functions.createTemporarySystemFunction('f', { kind: 'inline', definition: 1 });
    expect(() => m.functions.createTemporarySystemFunction('F', { kind: 'inline', definition: 2 })).toThrow(
      "Could not register temporary system function. A function named 'f' does already exist.",
    );
    m.functions.createTemporarySystemFunction('F', { kind: 'inline', definition: 2 }, true);
    expect(() => m.functions.dropTemporarySystemFunction('g')).toThrow(
      "Could not drop temporary system function. A function named 'g' doesn't exist. Did you mean 'f'?",
    );
    expect(m.functions.dropTemporarySystemFunction('g', true)).toBe(false);

    m.functions.createTemporaryCatalogFunction(['db1', 'h'], { kind: 'inline', definition: 1 });
    expect(() => m.functions.createTemporaryCatalogFunction(['db1', 'H'], { kind: 'inline', definition: 1 })).toThrow(
      "Could not register temporary catalog function. A function 'default_catalog.db1.h' does already exist.",
    );
    expect(() => m.functions.dropTemporaryCatalogFunction(['h'])).toThrow(
      "Could not drop temporary catalog function. A function 'default_catalog.default_database.h' doesn't exist.",
    );
    expect(m.functions.isTemporaryCatalogFunction(['db1', 'h'])).toBe(true);
  });

  it('catalog function in a missing database or catalog', async () => {
    await expect(m.functions.createCatalogFunction(['db2', 'f'], catalogFunction('x'))).rejects.toThrow(
      "Database db2 does not exist in Catalog default_catalog. Did you mean 'db1'?",
    );
    await expect(m.functions.createCatalogFunction(['nocat', 'db', 'f'], catalogFunction('x'))).rejects.toThrow(
      'Catalog nocat does not exist.',
    );
  });
});

describe('SHOW [USER] FUNCTIONS', () => {
  it('lists built-ins plus user functions of the current database, sorted', async () => {
    await m.functions.createCatalogFunction(['zed'], catalogFunction('x'));
    await m.functions.createCatalogFunction(['db1', 'other_db'], catalogFunction('x'));
    m.functions.createTemporarySystemFunction('Sys1', { kind: 'inline', definition: 1 });
    m.functions.createTemporaryCatalogFunction(['tmp_cat'], { kind: 'inline', definition: 1 });
    expect(await m.showFunctions({ userOnly: true })).toEqual(['sys1', 'tmp_cat', 'zed']);
    expect(await m.showFunctions()).toEqual(['ABS', 'CONCAT', 'UPPER', 'sys1', 'tmp_cat', 'zed']);
    expect(await m.showFunctions({ like: { pattern: '%s%', caseInsensitive: true } })).toEqual(['ABS', 'sys1']);
    expect(await m.showFunctions({ catalog: 'default_catalog', database: 'db1', userOnly: true })).toEqual([
      'other_db',
      'sys1',
    ]);
  });
});
