// The interim demo page: scores the form as you type with the same engine and loader the
// extension uses. Page text only ever reaches the DOM through textContent.
import { load } from './engine/fakelens.mjs';

const $ = (id) => document.getElementById(id);

function listingFromForm() {
  const listing = { id: 'demo', title: $('title').value };
  const currency = $('currency').value.trim().toUpperCase();
  const money = (input) => (input.value === '' ? undefined : { amount: Number(input.value), currency });
  const price = money($('price'));
  const listPrice = money($('list-price'));
  if (price) listing.price = price;
  if (listPrice) listing.listPrice = listPrice;
  return listing;
}

// Rebuilds the title with <mark> around each evidence span, using text nodes only.
function renderHighlightedTitle(title, evidence) {
  const target = $('highlighted-title');
  const spans = evidence
    .filter((e) => e.field === 'title' && e.span)
    .map((e) => e.span)
    .sort((a, b) => a.start - b.start);
  target.replaceChildren();
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;  // overlapping hits: keep the first
    target.append(document.createTextNode(title.slice(at, span.start)));
    const mark = document.createElement('mark');
    mark.textContent = title.slice(span.start, span.end);
    target.append(mark);
    at = span.end;
  }
  target.append(document.createTextNode(title.slice(at)));
  target.hidden = false;
}

function render(listing, verdict) {
  if (verdict.error) {
    $('status').textContent = `Cannot score this listing: ${verdict.error.message} (${verdict.error.code}).`;
    $('status').hidden = false;
    $('summary').hidden = true;
    $('highlighted-title').hidden = true;
    $('evidence').replaceChildren();
    return;
  }
  $('status').hidden = true;
  const level = $('level');
  level.textContent = verdict.level;
  level.className = `level level-${verdict.level}`;
  $('score').textContent = `risk score ${verdict.score} / 100`;
  $('summary').hidden = false;
  document.body.dataset.fakelensLevel = verdict.level;
  renderHighlightedTitle(listing.title, verdict.evidence);
  $('evidence').replaceChildren(...verdict.evidence.map((e) => {
    const item = document.createElement('li');
    item.textContent = e.message;
    return item;
  }));
}

try {
  const engine = await load();
  const update = () => {
    const listing = listingFromForm();
    render(listing, engine.score(listing));
  };
  $('listing-form').addEventListener('input', update);
  update();
} catch (error) {
  $('status').textContent = `The scoring engine could not load in this browser: ${error.message}`;
  document.body.dataset.fakelensLevel = 'unavailable';
}
