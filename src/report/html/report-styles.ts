import { REASON_COLOURS } from './render-timeline-svg.js';

/**
 * The report's stylesheet, inlined into `<style>`. Its SHA-256 goes into the Content-Security-Policy,
 * so no other stylesheet (an injected `<style>` included) would apply.
 */
export const REPORT_CSS = `
:root{--ink:#111827;--muted:#4b5563;--faint:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#ffffff;--accent:#1e3a8a;--high:#b91c1c;--high-bg:#fee2e2;--review:#92400e;--review-bg:#fef3c7;--ok:#166534;--in:#1d4ed8;--out:#c2410c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
h1{font-size:24px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:19px;margin:0 0 12px}
h3{font-size:15px;margin:0 0 6px}
h4{font-size:13px;margin:14px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta{color:var(--muted);margin:0}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.report-header{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:18px}
.kicker{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--accent);font-weight:700;margin:0 0 2px}
.banner{border:1px solid #93c5fd;background:#eff6ff;color:#1e3a8a;padding:10px 14px;border-radius:6px;margin:0 0 18px;font-weight:500}
.banner strong{font-weight:700}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:0 0 18px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:10px;margin:0 0 14px;padding:0}
.stat{border:1px solid var(--line);border-radius:6px;padding:8px 12px;list-style:none;background:#fbfbfc}
.stat b{display:block;font-size:22px;line-height:1.2;font-variant-numeric:tabular-nums}
.stat span{color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media (max-width:760px){.grid2{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:#f3f4f6;font-weight:600;color:#374151;border-bottom:1px solid #d1d5db;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:hover{background:#f9fafb}
.table-wrap{overflow-x:auto}
th button{all:unset;cursor:pointer;display:inline-flex;gap:4px;align-items:center}
th button::after{content:"↕";color:#9ca3af;font-size:11px}
th[aria-sort=ascending] button::after{content:"▲";color:var(--accent)}
th[aria-sort=descending] button::after{content:"▼";color:var(--accent)}
.filter{display:flex;gap:12px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
.filter input{font:inherit;padding:6px 10px;border:1px solid #cbd5e1;border-radius:6px;min-width:280px}
.filter output{color:var(--muted);font-size:12px}
.level{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.level-high{background:var(--high-bg);color:var(--high)}
.level-review{background:var(--review-bg);color:var(--review)}
.scorebar{vertical-align:middle}
.alert{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--review);border-radius:8px;padding:18px 22px;margin:0 0 22px}
.alert.is-high{border-left-color:var(--high)}
.alert-head{display:flex;justify-content:space-between;gap:18px;align-items:flex-start;flex-wrap:wrap;border-bottom:1px solid var(--line);padding-bottom:10px;margin-bottom:12px}
.alert-head h2{margin:2px 0 4px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:13px}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.score-box{text-align:right;min-width:250px}
.score-box .score{font-size:26px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1}
.score-box .score small{font-size:13px;color:var(--muted);font-weight:500}
.reason{border:1px solid var(--line);border-radius:6px;padding:12px 14px;margin:0 0 12px;break-inside:avoid}
.reason-head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.badge{display:inline-block;min-width:28px;text-align:center;border-radius:4px;color:#fff;font-weight:700;font-size:12px;padding:1px 6px}
.reason-head .weight{margin-left:auto;color:var(--muted);font-size:12px;white-space:nowrap}
.explain{margin:6px 0 8px;font-size:14px}
.explain::before{content:"“";color:#9ca3af}
.explain::after{content:"”";color:#9ca3af}
.ok{color:var(--ok);font-weight:600}
.fail{color:var(--faint)}
.sources{margin:4px 0 0;padding-left:18px;font-size:13px}
.sources li{margin:2px 0}
.sources blockquote{margin:2px 0 4px;color:var(--muted);font-style:italic;border-left:2px solid var(--line);padding-left:8px}
.timeline-wrap{margin:8px 0 4px}
.timeline{width:100%;max-width:100%;height:auto;display:block;background:#fff}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:var(--muted);margin:4px 0 0;padding:0;list-style:none}
.legend li{display:inline-flex;align-items:center;gap:5px}
.legend svg{flex:none}
.note{color:var(--muted);font-size:12px;margin:4px 0}
.warn{color:#92400e}
.tx-in-label{color:var(--in);font-weight:600}
.tx-out-label{color:var(--out);font-weight:600}
.rule-card{border:1px solid var(--line);border-radius:6px;padding:12px 14px;margin:0 0 12px;break-inside:avoid}
.rule-card h3 .mono{color:var(--muted);font-weight:400}
.muted{color:var(--muted)}
.small{font-size:12px}
.nowrap{white-space:nowrap}
.toc-back{font-size:12px}
footer{color:var(--faint);font-size:12px;margin-top:24px;border-top:1px solid var(--line);padding-top:10px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;font-size:11.5px}
  main{max-width:none;padding:0}
  .filter,.no-print,.toc-back{display:none!important}
  .card,.alert,.reason,.rule-card{border-color:#cbd5e1;box-shadow:none}
  .alert{break-before:page;page-break-before:always;margin:0;border-left-width:4px}
  #appendix{break-before:page;page-break-before:always}
  tr,.stat,.reason-head,h2,h3,h4{break-inside:avoid;page-break-inside:avoid}
  h2,h3,h4{break-after:avoid;page-break-after:avoid}
  thead{display:table-header-group}
  th button::after{content:none}
  .table-wrap{overflow:visible}
  .timeline{width:100%}
  a{color:inherit;text-decoration:none}
  a.source-link::after{content:" <" attr(href) ">";font-size:10px;color:#4b5563;word-break:break-all}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();


/** Colour classes `.r0`…`.r7` for reason badges, matching the timeline's window colours (no inline `style`, which the CSP forbids). */
export const REASON_CSS = REASON_COLOURS.map((c, i) => `.badge.r${i}{background:${c}}.lane-r${i}{color:${c}}`).join('\n');
