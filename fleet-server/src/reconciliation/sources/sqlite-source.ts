// Opening another system's SQLite file for reading only, and checking that it holds the tables and columns a
// reader expects; anything else (missing, not SQLite, another schema) is bad input naming the file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GuichetError } from '@guichet/shared';
import type { z } from 'zod';

export type ReadOnlyDb = Database.Database;

export function badInput(message: string, details: Record<string, unknown> = {}, cause?: unknown): GuichetError {
  return new GuichetError('RECONCILE_BAD_INPUT', message, { details, ...(cause === undefined ? {} : { cause }) });
}

/** The tables a reader needs, each with the columns it selects. */
export type ExpectedSchema = Record<string, readonly string[]>;

/** Opens `file` read-only and checks its schema; the caller closes it (use `withSqlite`). */
function openChecked(file: string, schema: ExpectedSchema): ReadOnlyDb {
  if (!fs.existsSync(file)) throw badInput(`${file}: no such file`, { file });
  let db: ReadOnlyDb | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    for (const [table, columns] of Object.entries(schema)) {
      const present = new Set(
        (db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[]).map((c) => c.name),
      );
      if (present.size === 0) throw badInput(`${file}: unexpected schema (no table ${table})`, { file, table });
      const missing = columns.filter((c) => !present.has(c));
      if (missing.length > 0) {
        throw badInput(`${file}: unexpected schema (table ${table} lacks ${missing.join(', ')})`, { file, table });
      }
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof GuichetError) throw error;
    const code = (error as { code?: string }).code;
    throw badInput(
      code === 'SQLITE_NOTADB'
        ? `${file}: not a SQLite database`
        : `${file}: cannot read (${(error as Error).message})`,
      { file },
      error,
    );
  }
}

/** Runs `read` on the checked, read-only database and closes it whatever happens. */
export function withSqlite<T>(file: string, schema: ExpectedSchema, read: (db: ReadOnlyDb) => T): T {
  const db = openChecked(file, schema);
  try {
    return read(db);
  } catch (error) {
    if (error instanceof GuichetError) throw error;
    throw badInput(`${file}: cannot read (${(error as Error).message})`, { file }, error);
  } finally {
    db.close();
  }
}

/** Parses one row with `schema`, or throws bad input naming the file and what is wrong. */
export function parseRow<S extends z.ZodType>(schema: S, value: unknown, file: string, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badInput(`${file}: ${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'unexpected value'}`.trim(), {
    file,
  });
}

/** The SQLite files (by extension) directly in `dir`, sorted; a missing directory is bad input. */
export function listFiles(dir: string, extensions: readonly string[]): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw badInput(`${dir}: no such directory`, { dir }, error);
  }
  return names
    .filter((name) => extensions.some((ext) => name.endsWith(ext)))
    .sort()
    .map((name) => path.join(dir, name));
}

/** A file's name without its extension: the kiosk id of a journal or terminal file. */
export function stem(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}
