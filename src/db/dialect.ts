import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What a dialect can do, for the few places where SQL differs. */
export interface DialectCapabilities {
  /** `INSERT … RETURNING` works. */
  readonly supportsReturning: boolean;
  /** DDL runs inside transactions (migrations roll back whole). */
  readonly supportsTransactionalDdl: boolean;
}

/**
 * A database dialect: how to open it, its capabilities and the column types migrations use.
 * Everything that differs between SQLite and PostgreSQL stays behind this interface.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  readonly capabilities: DialectCapabilities;
  /** Adds an auto-incrementing integer primary key column named `id`. */
  idColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** Column type for instants (read back as ISO 8601 strings). */
  readonly timestampType: 'text' | 'timestamptz';
}

/** An open database: the Kysely instance, its dialect adapter and how to close it. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly adapter: DialectAdapter;
  /** Where the data lives, safe to print (never a password). */
  readonly describe: string;
  /**
   * The PostgreSQL schema the connection's search_path names, when it is not the default
   * (tests use one per run). Migrations keep their bookkeeping tables in it.
   */
  readonly schema?: string;
  close(): Promise<void>;
}
