const quote = JSON.stringify;

/**
 * RFC 8785 canonical JSON of a value that JSON.parse produced: the same text `canonicalize` gives for it, without
 * the general library's cases that parsed JSON never has (undefined, symbols, toJSON, NaN). Numbers and strings
 * are written by JSON.stringify, which is RFC 8785's serialisation of them; keys are sorted by UTF-16 code units.
 */
function canonicalValue(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return quote(value);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      text += i === 0 ? canonicalValue(value[i]) : `,${canonicalValue(value[i])}`;
    }
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '{';
  for (let i = 0; i < keys.length; i += 1) {
    text += `${i === 0 ? '' : ','}${quote(keys[i])}:${canonicalValue(object[keys[i]])}`;
  }
  return `${text}}`;
}

/** The RFC 8785 form of a JSON text (e.g. a jsonb column read as text). */
export function canonicalJsonText(json: string): string {
  return json === '{}' ? json : canonicalValue(JSON.parse(json));
}
