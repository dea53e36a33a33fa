import { Foundation1764130000000 } from '../../migrations/1764130000000-Foundation';

/** Every migration, in order, listed by class. */
export const MIGRATIONS = [Foundation1764130000000];
