/**
 * The report's only script, inlined into `<script>` and allowed by its SHA-256 hash in the
 * Content-Security-Policy. It sorts and filters the alert table, reading its keys from the
 * `<script type="application/json" id="report-data">` element (never from HTML it would have to
 * parse), and touches the DOM only through `textContent`, attributes and moving existing rows.
 * Without it the report still reads in full: the table is simply not interactive.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var dataEl = document.getElementById('report-data');
  var table = document.getElementById('alert-table');
  if (!dataEl || !table || !table.tBodies[0]) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var items = data.alerts || [];
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var byKey = {};
  rows.forEach(function (row) { byKey[row.getAttribute('data-key')] = row; });
  var headers = Array.prototype.slice.call(table.querySelectorAll('th[data-sort]'));
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator('en', { numeric: true, sensitivity: 'base' }) : null;
  function cmp(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    a = String(a); b = String(b);
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }
  function sortBy(key, dir) {
    var sorted = items.slice().sort(function (x, y) {
      var c = cmp(x[key], y[key]);
      if (c === 0) c = x.order - y.order;
      return dir === 'descending' ? -c : c;
    });
    sorted.forEach(function (item) { var row = byKey[item.key]; if (row) tbody.appendChild(row); });
    headers.forEach(function (th) { th.setAttribute('aria-sort', th.getAttribute('data-sort') === key ? dir : 'none'); });
  }
  headers.forEach(function (th) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      var current = th.getAttribute('aria-sort');
      var first = th.getAttribute('data-first') || 'ascending';
      var dir = current === 'none' || !current ? first : (current === 'ascending' ? 'descending' : 'ascending');
      sortBy(key, dir);
    });
  });
  var input = document.getElementById('alert-filter');
  var out = document.getElementById('alert-filter-count');
  function applyFilter() {
    var q = (input.value || '').trim().toLowerCase();
    var terms = q === '' ? [] : q.split(/\\s+/);
    var shown = 0;
    items.forEach(function (item) {
      var row = byKey[item.key];
      if (!row) return;
      var match = terms.every(function (t) { return item.text.indexOf(t) !== -1; });
      row.hidden = !match;
      if (match) shown++;
    });
    if (out) out.textContent = shown === items.length ? items.length + ' alerts' : shown + ' of ' + items.length + ' alerts shown';
  }
  if (input) {
    input.addEventListener('input', applyFilter);
    applyFilter();
  }
})();
`.trim();
