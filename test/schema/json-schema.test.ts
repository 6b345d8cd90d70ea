import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema, SCHEMA_PATH } from '../../scripts/gen-json-schema.js';

describe('published JSON Schema for rule files', () => {
  it('is in sync with the zod schemas (run `npm run rules:schema` after changing them)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderJsonSchema());
  });

  it('describes all three kinds of file and every operator', () => {
    const text = renderJsonSchema();
    const schema = JSON.parse(text) as { oneOf: { properties: { type: { const: string } } }[] };
    expect(schema.oneOf.map((s) => s.properties.type.const)).toEqual(['indicator', 'typology', 'list']);
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'matchesAny', 'matchesNone', 'hasAny', 'hasNone', 'exists', 'missing', 'localTimeBetween']) {
      expect(text).toContain(`"${op}"`);
    }
    for (const fn of ['count', 'sum', 'min', 'max', 'mean', 'distinct', 'sequence']) expect(text).toContain(`"${fn}"`);
  });
});
