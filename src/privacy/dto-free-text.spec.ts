import { getMetadataStorage } from 'class-validator';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAL_DATA_CONSTRAINT } from '../common/http/request-validation.exception';

/**
 * Validators that admit only values that cannot carry an identifier: members of a closed list, ISO dates,
 * the municipality codes, the service's own cursors (read, never kept) and checksums (kept only when equal to the
 * service's own), and secrets (compared with a hash and
 * dropped, never kept). A pattern (`matches`), an e-mail or a URL format is not enough: `pnr197707077074` is a
 * valid code and an identity number fits in a URL.
 */
const CLOSED_FORMATS = new Set([
  'isEnum',
  'isIn',
  'isIso8601',
  'isCalendarDay',
  'isTimeFilter',
  'isMunicipalityCode',
  'isCursor',
  'isSha256Hex',
  'isSecret',
  'isStrongPassword',
]);

function dtoFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) {
      return dtoFiles(path);
    }
    return /\.dto\.ts$/.test(entry) ||
      (directory.endsWith('/dto') && entry.endsWith('.ts') && !entry.endsWith('.spec.ts'))
      ? [path]
      : [];
  });
}

/**
 * Walks every DTO class of every feature and fails on a string property that is neither guarded by the
 * privacy guard nor restricted to a closed format: new fields, free text or codes, cannot slip past the guard.
 */
describe('every string a DTO accepts passes the privacy guard', () => {
  const files = dtoFiles(join(__dirname, '..'));
  const classes = files.flatMap((file) =>
    Object.values(jest.requireActual<Record<string, unknown>>(file)).filter(
      (value): value is new () => unknown => typeof value === 'function',
    ),
  );

  it('finds the DTOs', () => {
    expect(files.length).toBeGreaterThan(3);
    expect(classes.length).toBeGreaterThan(5);
  });

  it('has no unguarded string', () => {
    const storage = getMetadataStorage();
    const unguarded: string[] = [];
    for (const dto of classes) {
      const metadata = storage.getTargetValidationMetadatas(dto, '', true, false);
      const byProperty = new Map<string, Set<string>>();
      for (const entry of metadata) {
        const names = byProperty.get(entry.propertyName) ?? new Set<string>();
        names.add(entry.name ?? (entry.constraintCls as { name?: string } | undefined)?.name ?? entry.type);
        byProperty.set(entry.propertyName, names);
      }
      for (const [property, names] of byProperty) {
        const declaredString = Reflect.getMetadata('design:type', dto.prototype as object, property) === String;
        if (!names.has('isString') && !names.has('matches') && !declaredString) {
          continue;
        }
        const guarded = names.has(PERSONAL_DATA_CONSTRAINT) || [...names].some((name) => CLOSED_FORMATS.has(name));
        if (!guarded) {
          unguarded.push(`${dto.name}.${property}`);
        }
      }
    }
    expect(unguarded).toEqual([]);
  });
});
