import { sql } from 'kysely';

/** A list bound as one parameter of type `uuid[]`: one statement text (and plan) whatever the list's length. */
export const uuidArray = (values: readonly string[]) => sql<string[]>`${values}::uuid[]`;

/** A list bound as one parameter of type `text[]`. */
export const textArray = (values: readonly string[]) => sql<string[]>`${values}::text[]`;
