/**
 * Writes rules/schema/rule-file.schema.json — the JSON Schema of rule-pack files (indicators,
 * typologies, lists), generated from the zod schemas so editors can complete and check rule files.
 * `--check` exits 1 when the committed file differs (CI runs the test that calls renderJsonSchema).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RuleFileSchema } from '../src/schema/rule.js';

export const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '../rules/schema/rule-file.schema.json');

/** The JSON Schema text for rule files (deterministic). */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(RuleFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  const doc = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'msht-redflags rule-pack file (indicator, typology or reference list)',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = renderJsonSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      /* missing */
    }
    if (current !== text) {
      console.error(`${SCHEMA_PATH} is out of date: run npm run rules:schema`);
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
    writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
