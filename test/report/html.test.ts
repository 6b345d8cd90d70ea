import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScriptElement, safeHttpUrl, toAnchorId } from '../../src/report/html/escape.js';
import { formatDecimal, formatTimestamp, formatValue } from '../../src/report/html/format.js';
import { renderHtmlReport, type HtmlReportInput } from '../../src/report/html/render-html-report.js';
import { renderTimelineSvg } from '../../src/report/html/render-timeline-svg.js';
import { AlertSchema } from '../../src/schema/alert.js';
import { TransactionSchema } from '../../src/schema/transaction.js';
import { HOSTILE_URLS, XSS_PAYLOADS, hostileReportInput } from '../fixtures/report/hostile-report.js';
import { SAMPLE_ALERT_IDS, sampleReportInput } from '../fixtures/report/sample-report.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The text inside the one executable inline `<script>` (the one without a `type`). */
function inlineScript(html: string): string {
  const match = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no inline script');
  return match[1] ?? '';
}
function inlineStyle(html: string): string {
  const match = /<style>([\s\S]*?)<\/style>/.exec(html);
  if (match === null) throw new Error('no inline style');
  return match[1] ?? '';
}
/** The HTML with the contents of the script and style elements removed, so only markup and text remain. */
function markupOnly(html: string): string {
  return html.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2').replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2');
}
/** Every start tag in the markup, e.g. `<a class="x" href="…">`. */
function startTags(html: string): string[] {
  return markupOnly(html).match(/<[a-zA-Z][^>]*>/g) ?? [];
}
function attributeValues(html: string, name: string): string[] {
  const re = new RegExp(`\\s${name}="([^"]*)"`, 'g');
  return startTags(html).flatMap((tag) => [...tag.matchAll(re)].map((m) => m[1] ?? ''));
}

describe('fixtures', () => {
  it('the sample alerts and transactions match the schemas', () => {
    const input = sampleReportInput();
    expect(input.alerts).toHaveLength(4);
    for (const alert of input.alerts) expect(() => AlertSchema.parse(alert)).not.toThrow();
    for (const tx of input.transactions) expect(() => TransactionSchema.parse(tx)).not.toThrow();
    // Every counted transaction is supplied, so the report can show it.
    const ids = new Set(input.transactions.map((t) => t.id));
    for (const alert of input.alerts) for (const r of alert.reasons) for (const id of r.transactionIds) expect(ids.has(id)).toBe(true);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('renders undefined and null as empty and drops control characters', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://www.fincen.gov/a b', 'https://www.fincen.gov/a%20b'],
    ['http://example.org', 'http://example.org/'],
    ['  https://example.org/x ', 'https://example.org/x'],
  ])('accepts %s', (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });
  it.each([...HOSTILE_URLS, 'vbscript:msgbox', '//evil.example/x', '/relative', 'ftp://example.org', 'https://user:pw@example.org', 'not a url', undefined])(
    'refuses %s',
    (url) => {
      expect(safeHttpUrl(url)).toBeUndefined();
    },
  );
});

describe('jsonForScriptElement', () => {
  it('leaves no <, > or & and round-trips', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!-- & -->', c: '\u2028\u2029' };
    const json = jsonForScriptElement(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('toAnchorId', () => {
  it('keeps only safe characters', () => {
    expect(toAnchorId('alert-', 'a1"><img src=x>')).toBe('alert-a1-img-src-x');
    expect(toAnchorId('alert-', '<<>>')).toBe('alert-x');
  });
});

describe('format', () => {
  it('groups decimal strings without float rounding', () => {
    expect(formatDecimal('1234567.5')).toBe('1,234,567.50');
    expect(formatDecimal('0.1')).toBe('0.10');
    expect(formatDecimal(48213, 0)).toBe('48,213');
    expect(formatValue('3000', 'money', 'GBP')).toBe('3,000.00 GBP');
    expect(formatValue(null)).toBe('—');
  });
  it('keeps the offset a time was written with', () => {
    expect(formatTimestamp('2026-03-01T21:15:00+02:00')).toBe('2026-03-01 21:15 +02:00');
    expect(formatTimestamp('2026-03-01T21:15:07.000Z')).toBe('2026-03-01 21:15:07 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});

describe('renderHtmlReport: content', () => {
  const html = renderHtmlReport(sampleReportInput());

  it('is a complete document with every alert id, anchored and linked from the table', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    for (const id of SAMPLE_ALERT_IDS) {
      expect(html).toContain(id);
      expect(html).toContain(`id="alert-${id}"`);
      expect(html).toContain(`href="#alert-${id}"`);
    }
  });

  it('shows the run summary, rejections by reason and the typologies', () => {
    expect(html).toContain('48,213');
    expect(html).toContain('fx_missing');
    expect(html).toContain('Mobile sexual-exploitation operation');
    expect(html).toContain('Wages controlled by a third party (labour exploitation)');
  });

  it('shows measures against their trigger thresholds, including ref × factor', () => {
    expect(html).toMatch(/≥ 8<\/span> <span class="ok">✓ met<\/span>/);
    expect(html).toMatch(/≥ 0\.8 × moneyIn \(= 3,312\.00 GBP\)/);
  });

  it('draws one timeline per alert, with the counted transactions highlighted and windows shaded', () => {
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(4);
    expect(html.match(/class="tx tx-(in|out) contributing"/g)?.length).toBeGreaterThanOrEqual(13);
    expect(html).toContain('R1 window');
    expect(html).toContain('alert raised');
  });

  it('names the account of each contributing transaction when an alert spans several accounts', () => {
    const section = html.slice(html.indexOf('id="alert-al-5ea7f0339b61"'), html.indexOf('id="alert-al-81d2c7a90e5f"'));
    expect(section).toContain('<th scope="col">Account</th>');
    expect(section).toContain('<td class="mono nowrap">ACC-11a1</td>');
    const single = html.slice(html.indexOf('id="alert-al-c04b6e19a2d8"'));
    expect(single.slice(0, single.indexOf('</section>'))).not.toContain('<th scope="col">Account</th>');
  });

  it('lists source documents as safe links', () => {
    expect(html).toContain(
      '<a class="source-link" href="https://fintrac-canafe.canada.ca/intel/operation/oai-hts-eng" rel="noopener noreferrer" target="_blank">FINTRAC FINTRAC-2016-OA003 (2016)</a>',
    );
  });

  it('has the rule-card appendix when rules are given, and not otherwise', () => {
    expect(html).toContain('Appendix: rule cards');
    expect(html).toContain('id="rule-lodging-velocity"');
    expect(html).toContain('<dt>Window</dt><dd class="mono">P30D</dd>');
    const { rules: _rules, ...withoutRules } = sampleReportInput();
    expect(renderHtmlReport(withoutRules)).not.toContain('Appendix: rule cards');
  });

  it('shows the pseudonymisation banner only for pseudonymised runs', () => {
    expect(html).toContain('Pseudonymised run.');
    expect(renderHtmlReport({ ...sampleReportInput(), pseudonymised: false })).not.toContain('Pseudonymised run.');
  });

  it('leaves payment references out unless asked', () => {
    expect(html).not.toContain('for last night x');
    expect(html).not.toContain('rent + transport');
    const withRefs = renderHtmlReport({ ...sampleReportInput(), includeReferences: true });
    expect(withRefs).toContain('rent + transport');
    expect(withRefs).toContain('<th scope="col">Reference</th>');
  });

  it('has a print stylesheet: A4, one alert per page, rows not split, filter hidden', () => {
    const css = inlineStyle(html);
    expect(css).toContain('@page{size:A4');
    expect(css).toMatch(/@media print\{[\s\S]*\.alert\{break-before:page/);
    expect(css).toMatch(/@media print\{[\s\S]*tr,[^{]*\{break-inside:avoid/);
    expect(css).toMatch(/@media print\{[\s\S]*\.filter,[^{]*\{display:none!important\}/);
  });

  it('shows the highest revision of an alert given twice', () => {
    const input = sampleReportInput();
    const first = input.alerts[0]!;
    const older = { ...first, revision: 1, score: 0.123, level: 'review' as const };
    const out = renderHtmlReport({ ...input, alerts: [older, { ...first, revision: 3 }] });
    expect(out).not.toContain('>0.123<');
    expect(out.match(new RegExp(`id="alert-${first.alertId}"`, 'g'))).toHaveLength(1);
  });

  it('says when counted transactions were not supplied', () => {
    const input = sampleReportInput();
    const out = renderHtmlReport({ ...input, transactions: input.transactions.slice(0, 3) });
    expect(out).toMatch(/transactions counted by this alert were not in the supplied transactions/);
  });

  it('renders a report with no alerts', () => {
    const out = renderHtmlReport({ summary: { rowsRead: 0, screened: 0, rejected: 0, hits: 0, alerts: 0, baseCurrency: 'EUR' }, alerts: [], transactions: [] });
    expect(out).toContain('No alerts were raised.');
    expect(out).not.toContain('<svg class="timeline"');
  });
});

describe('renderHtmlReport: determinism', () => {
  it('renders the same bytes for the same input, whatever the order of alerts', () => {
    const a = renderHtmlReport(sampleReportInput());
    const b = renderHtmlReport(sampleReportInput());
    expect(b).toBe(a);
    const input = sampleReportInput();
    const shuffled: HtmlReportInput = { ...input, alerts: [...input.alerts].reverse() };
    expect(renderHtmlReport(shuffled)).toBe(a);
  });
});

describe('renderHtmlReport: Content-Security-Policy', () => {
  const html = renderHtmlReport(sampleReportInput());
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';

  it('is present and strict', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:/);
    // It must come before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('allows exactly the inline script and stylesheet by hash', () => {
    expect(csp).toContain(`script-src 'sha256-${sha256(inlineScript(html))}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256(inlineStyle(html))}'`);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('uses no inline style or event-handler attributes (the CSP would block them)', () => {
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\sstyle=/i);
      expect(tag).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

describe('renderHtmlReport: hostile input', () => {
  const input = hostileReportInput();
  const html = renderHtmlReport(input);
  const markup = markupOnly(html);

  it('carries the payloads only as escaped text', () => {
    for (const payload of XSS_PAYLOADS) {
      expect(html).not.toContain(payload);
      expect(html).toContain(escapeHtml(payload));
    }
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    // Exactly the two script elements of the template, and no stray closing tag from the data.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(markup).not.toMatch(/<!--/);
  });

  it('never puts a payload into a tag or attribute', () => {
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\son[a-z]+=/i);
      expect(tag).not.toMatch(/javascript:/i);
    }
  });

  it('links only http(s) URLs, and only from source citations; nothing is loaded by src', () => {
    expect(attributeValues(html, 'src')).toEqual([]);
    const hrefs = attributeValues(html, 'href');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith('#') || /^https:\/\//.test(href)).toBe(true);
    const external = startTags(html).filter((t) => /\shref="https?:/.test(t));
    for (const tag of external) {
      expect(tag).toContain('class="source-link"');
      expect(tag).toContain('rel="noopener noreferrer"');
    }
    // Refused URLs are still shown, as text, so nothing is silently lost.
    expect(html).toContain(escapeHtml(HOSTILE_URLS[0]));
  });

  it('keeps the JSON data block free of markup and still parseable', () => {
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(block).not.toMatch(/[<>&]/);
    const data = JSON.parse(block) as { alerts: Array<{ alertId: string }> };
    expect(data.alerts.map((a) => a.alertId)).toContain(input.alerts[0]!.alertId);
    expect(input.alerts[0]!.alertId).toContain(XSS_PAYLOADS[1]);
  });

  it('keeps anchors safe when alert ids are hostile', () => {
    for (const id of attributeValues(html, 'id')) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('renderTimelineSvg', () => {
  it('draws nothing but a note when there are no transactions', () => {
    const result = renderTimelineSvg({ caption: 'empty', transactions: [], contributing: new Map(), windows: [] });
    expect(result.drawn).toBe(0);
    expect(result.svg).toContain('No transactions supplied for this period');
  });

  it('reports mixed currencies so the caller can warn', () => {
    const base = { accountId: 'A', direction: 'out', channel: 'card' } as const;
    const result = renderTimelineSvg({
      caption: 'mixed',
      transactions: [
        { ...base, id: 't1', timestamp: '2026-03-01T10:00:00Z', amount: '10', currency: 'GBP' },
        { ...base, id: 't2', timestamp: '2026-03-02T10:00:00Z', amount: '20', currency: 'RON' },
      ],
      contributing: new Map([['t1', ['R1']]]),
      windows: [{ label: 'R1', title: 'rule', from: '2026-02-28T10:00:00Z', to: '2026-03-02T12:00:00Z', colour: '#7c3aed' }],
    });
    expect(result.currencies).toEqual(['GBP', 'RON']);
    expect(result.svg.match(/<circle/g)).toHaveLength(2);
  });
});
