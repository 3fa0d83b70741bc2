// Batch scoring: a file is scored in a worker (batch_worker.mjs) with a progress bar; the
// page shows a sortable table, two charts and offers the verdicts as JSON Lines.
import { $, loadEngine, showStatus } from './common.mjs';

const LEVELS = ['low', 'medium', 'high', 'error'];
const CATEGORIES = ['counterfeit', 'exaggeration', 'pricing', 'seller'];
const SHOWN_ROWS = 200;
let worker = null;
let rows = [];
let sort = { key: 'line', direction: 1 };

function svg(name, attributes = {}) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function barChart(target, entries, classOf) {
  const title = target.querySelector('title');
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const width = 320 / entries.length;
  target.replaceChildren(title);
  entries.forEach(([label, count], index) => {
    const height = Math.round((count / max) * 110);
    const x = index * width + 10;
    const bar = svg('rect', { x, y: 130 - height, width: width - 20, height, class: classOf(label) });
    const tooltip = svg('title');
    tooltip.textContent = `${label}: ${count}`;
    bar.append(tooltip);
    const value = svg('text', { x: x + (width - 20) / 2, y: 125 - height, 'text-anchor': 'middle' });
    value.textContent = String(count);
    const name = svg('text', { x: x + (width - 20) / 2, y: 148, 'text-anchor': 'middle' });
    name.textContent = label;
    target.append(bar, value, name);
  });
  target.dataset.values = JSON.stringify(Object.fromEntries(entries));
}

function renderCharts() {
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0]));
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const row of rows) {
    byLevel[row.level] += 1;
    for (const category of row.categories ?? []) byCategory[category] += 1;
  }
  barChart($('level-chart'), Object.entries(byLevel), (label) => `bar-${label}`);
  barChart($('category-chart'), Object.entries(byCategory), () => 'bar-category');
  $('batch-summary').textContent = `${rows.length} listings: ${byLevel.high} high, ${byLevel.medium} medium, ${byLevel.low} low, ${byLevel.error} with errors.`;
}

function compare(a, b) {
  const { key, direction } = sort;
  const order = { low: 0, medium: 1, high: 2, error: 3 };
  const va = key === 'level' ? order[a.level] : a[key];
  const vb = key === 'level' ? order[b.level] : b[key];
  return (va < vb ? -1 : va > vb ? 1 : a.line - b.line) * direction;
}

function renderTable() {
  const sorted = [...rows].sort(compare).slice(0, SHOWN_ROWS);
  $('table-note').textContent = rows.length > SHOWN_ROWS ? `Showing ${SHOWN_ROWS} of ${rows.length} rows in this order; sort by another column or download everything.` : '';
  $('batch-table').tBodies[0].replaceChildren(...sorted.map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.level = row.level;
    const cells = [String(row.line), row.score >= 0 ? String(row.score) : '', row.level, row.title, row.detail];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
  for (const th of $('batch-table').tHead.rows[0].cells) {
    const key = th.querySelector('button')?.dataset.sort;
    if (key) th.setAttribute('aria-sort', key === sort.key ? (sort.direction > 0 ? 'ascending' : 'descending') : 'none');
  }
}

function start(file) {
  if (!file) return;
  worker?.terminate();
  worker = new Worker('batch_worker.mjs', { type: 'module' });
  rows = [];
  $('batch-results').hidden = true;
  $('progress-area').hidden = false;
  $('batch-progress').value = 0;
  $('progress-text').textContent = `${file.name}…`;
  worker.onmessage = ({ data }) => {
    if (data.type === 'start') {
      $('batch-progress').max = Math.max(1, data.total);
    } else if (data.type === 'progress') {
      rows.push(...data.rows);
      $('batch-progress').value = data.done;
      $('progress-text').textContent = `${data.done} of ${data.total}`;
    } else if (data.type === 'done') {
      $('progress-area').hidden = true;
      $('batch-results').hidden = false;
      document.body.dataset.batch = 'done';
      renderCharts();
      renderTable();
    } else if (data.type === 'cancelled') {
      $('progress-text').textContent = `cancelled after ${data.done}`;
    } else if (data.type === 'failed') {
      $('progress-area').hidden = true;
      showStatus(`This file could not be scored: ${data.message}`, 'error');
    } else if (data.type === 'download') {
      const url = URL.createObjectURL(data.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'fakelens-verdicts.jsonl';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }
  };
  worker.onerror = (event) => showStatus(`The scoring worker stopped: ${event.message}`, 'error');
  showStatus('');
  document.body.dataset.batch = 'running';
  worker.postMessage({ type: 'score', file, pack: sessionStorage.getItem('fakelens-demo:custom-pack') });
}

$('batch-file').addEventListener('change', (event) => start(event.target.files[0]));
const zone = $('dropzone');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.dataset.over = '';
});
zone.addEventListener('dragleave', () => delete zone.dataset.over);
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  delete zone.dataset.over;
  start(event.dataTransfer.files[0]);
});
$('cancel').addEventListener('click', () => worker?.postMessage({ type: 'cancel' }));
$('download').addEventListener('click', () => worker?.postMessage({ type: 'download' }));
$('batch-table').tHead.addEventListener('click', (event) => {
  const key = event.target.closest('button[data-sort]')?.dataset.sort;
  if (!key) return;
  sort = { key, direction: sort.key === key ? -sort.direction : key === 'score' ? -1 : 1 };
  renderTable();
});

// The page itself needs no engine, but say so early if WebAssembly cannot run here.
if (typeof WebAssembly !== 'object') await loadEngine();
