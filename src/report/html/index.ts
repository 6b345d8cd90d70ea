/**
 * The analyst's HTML report: named exports only.
 * @module
 */
export { renderHtmlReport, type HtmlReportInput, type HtmlReportSummary } from './render-html-report.js';
export { escapeHtml, safeHttpUrl, jsonForScriptElement, toAnchorId } from './escape.js';
export { renderTimelineSvg, reasonColour, REASON_COLOURS, type TimelineInput, type TimelineResult, type TimelineWindow } from './render-timeline-svg.js';
