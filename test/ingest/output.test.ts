import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import fc from 'fast-check';
import { createAtomicWriteStream, writeFileAtomic } from '../../src/report/atomic-write.js';
import { csvEscapeCell, rejectionsToCsv, toCsvRow } from '../../src/report/csv-output.js';
import { createCsvRecordSplitter } from '../../src/ingest/csv-records.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('writeFileAtomic / createAtomicWriteStream', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'atomic-'));

  it('replaces the target and leaves no temporary file', async () => {
    const d = dir();
    const f = join(d, 'out.csv');
    writeFileSync(f, 'old');
    await writeFileAtomic(f, 'new content');
    expect(readFileSync(f, 'utf8')).toBe('new content');
    expect(readdirSync(d)).toEqual(['out.csv']);
  });

  it('leaves the target untouched when the data fails midway', async () => {
    const d = dir();
    const f = join(d, 'out.csv');
    writeFileSync(f, 'old');
    async function* failing() {
      yield 'row 1\n';
      yield 'row 2\n';
      throw new Error('disk on fire');
    }
    await expect(writeFileAtomic(f, failing())).rejects.toThrow('disk on fire');
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['out.csv']);
  });

  it('stream: commits on end, aborts on destroy', async () => {
    const d = dir();
    const f = join(d, 'alerts.ndjson');
    writeFileSync(f, 'old');
    const bad = createAtomicWriteStream(f);
    bad.write('{"a":1}\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(d).length).toBe(2); // the temporary file exists while writing
    bad.destroy(new Error('aborted'));
    await finished(bad).catch(() => undefined);
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['alerts.ndjson']);

    const good = createAtomicWriteStream(f);
    for (let i = 0; i < 1000; i++) good.write(`{"i":${i}}\n`);
    good.end();
    await finished(good);
    expect(readFileSync(f, 'utf8').split('\n')).toHaveLength(1001);
    expect(readdirSync(d)).toEqual(['alerts.ndjson']);
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(writeFileAtomic(join(dir(), 'no', 'such', 'x.csv'), 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('CSV output', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\r=1', "\"'\r=1\""],
    ['＝1+1', "'＝1+1"],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['-12.50', '-12.50'],
    ['+7', '+7'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(csvEscapeCell(input)).toBe(expected);
  });

  it('writes numbers, booleans and empty cells', () => {
    expect(toCsvRow([1, -2.5, true, null, undefined, 'x'])).toBe('1,-2.5,true,,,x\r\n');
  });

  it('rejections CSV has a fixed header and escapes hostile values', () => {
    expect(rejectionsToCsv([{ code: 'invalid', message: 'amount (column "Suma"): bad', line: 7, field: 'amount', value: '=1+1', transactionId: 'R7', source: 'x.csv' }])).toBe(
      'line,field,value,code,message,transaction_id,source\r\n7,amount,\'=1+1,invalid,"amount (column ""Suma""): bad",R7,x.csv\r\n',
    );
  });

  it('round-trips through the reader: what is written is what is read (after the formula guard)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 8, unit: 'binary' }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), (rows) => {
        const text = rows.map((r) => toCsvRow(r)).join('');
        const p = createCsvRecordSplitter();
        const read = [...p.push(text), ...p.end()].map((r) => r.fields);
        const guard = (s: string) => csvEscapeCell(s).replace(/^"|"$/g, '').replaceAll('""', '"');
        expect(read).toEqual(rows.map((r) => r.map(guard)));
      }),
      { numRuns: RUNS },
    );
  });
});
