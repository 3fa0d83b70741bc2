// Scores a file of listings off the page's main thread: the same engine, in chunks, with
// progress messages. Keeps the verdict lines for the download.
import { load } from './engine/fakelens.mjs';
import { csvToJsonLines, detectFormat, jsonLines } from './listings_file.mjs';

const CHUNK = 500;
let enginePromise = null;
let verdictLines = [];
let cancelled = false;

function summarise(text, index, listingLine) {
  let verdict;
  try {
    // A chunk ending in an empty line comes back one line short: that line is the error.
    verdict = text === '' ? { error: { code: 'invalid_json', message: 'the line is empty' } } : JSON.parse(text);
  } catch {
    verdict = { error: { code: 'internal', message: 'unreadable verdict' } };
  }
  const line = index + 1;
  if (verdict.error) {
    // The core numbers lines within a chunk: give the file's line number instead.
    verdict.error.line = line;
    return { text: JSON.stringify(verdict), row: { line, score: -1, level: 'error', title: listingLine.slice(0, 120), detail: `${verdict.error.code}: ${verdict.error.message}` } };
  }
  let title = '';
  try {
    title = String(JSON.parse(listingLine).title ?? '').slice(0, 200);
  } catch {
    title = '';
  }
  const categories = Object.entries(verdict.categories).filter(([, v]) => v > 0).map(([k]) => k);
  return { text, row: { line, score: verdict.score, level: verdict.level, title, categories, detail: verdict.evidence.slice(0, 3).map((e) => e.message).join(' ') } };
}

async function scoreFile({ file, pack }) {
  cancelled = false;
  enginePromise ??= load();
  const engine = await enginePromise;
  if (pack) engine.loadRules(pack);
  const text = await file.text();
  const format = detectFormat(file.name, text);
  let lines;
  if (format === 'csv') {
    const converted = csvToJsonLines(text);
    if (converted.error) return postMessage({ type: 'failed', message: converted.error });
    lines = converted.lines;
  } else {
    lines = jsonLines(text);
  }
  verdictLines = new Array(lines.length);
  postMessage({ type: 'start', total: lines.length, format });
  for (let start = 0; start < lines.length; start += CHUNK) {
    if (cancelled) return postMessage({ type: 'cancelled', done: start });
    const chunk = lines.slice(start, start + CHUNK);
    // A line break inside a line cannot occur (we split on them), so chunk lines map 1:1.
    const output = engine.scoreLines(chunk.join('\n')).split('\n');
    const rows = chunk.map((listingLine, offset) => {
      const { text: verdictText, row } = summarise(output[offset] ?? '', start + offset, listingLine);
      verdictLines[start + offset] = verdictText;
      return row;
    });
    postMessage({ type: 'progress', done: Math.min(lines.length, start + CHUNK), total: lines.length, rows });
    await new Promise((resolve) => setTimeout(resolve, 0));  // let a cancel message in
  }
  postMessage({ type: 'done', total: lines.length });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message?.type === 'score') {
    scoreFile(message).catch((error) => postMessage({ type: 'failed', message: String(error?.message ?? error) }));
  } else if (message?.type === 'cancel') {
    cancelled = true;
  } else if (message?.type === 'download') {
    postMessage({ type: 'download', blob: new Blob([verdictLines.join('\n') + (verdictLines.length ? '\n' : '')], { type: 'application/x-ndjson' }) });
  }
};
