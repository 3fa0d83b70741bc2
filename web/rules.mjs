// The Rules page: the active pack's contents (signals by kind, with languages; brands;
// price floors) and loading another pack to try, kept for this tab.
import { $, keepCustomPack, loadEngine, showStatus } from './common.mjs';

const LANGUAGES = { en: 'English', zh: 'Chinese', 'zh-ja': 'Chinese, Japanese', es: 'Spanish', 'es-pt': 'Spanish, Portuguese', pt: 'Portuguese',
  fr: 'French', de: 'German', it: 'Italian', 'fr-de-it': 'French, German, Italian', ru: 'Russian', 'ru-tr-ar': 'Russian, Turkish, Arabic',
  tr: 'Turkish', ar: 'Arabic', ja: 'Japanese', ko: 'Korean', multi: 'several languages' };

function cellRow(values) {
  const tr = document.createElement('tr');
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  return tr;
}

// What each signal kind is called here; a kind the core adds shows under its pack key.
const KIND_NAMES = {
  textRules: 'words in the text', discountRules: 'discount', textDiscountRules: 'discount written in the text',
  specRules: 'implausible specification', listingRules: 'seller and reviews', comboRules: 'combination',
  brandDisguise: 'disguised brand', priceFloors: 'price floor', styleRule: 'shouting style',
  sellerRecordRule: 'your record of the seller' };

// Every rule of every kind, as {id, kind, category, weight, language, description}: the
// core's summary lists each kind's rules with their categories; the pack gives the rest.
function signalsOf(pack, summary) {
  const out = [];
  for (const kind of summary.kinds ?? []) {
    const value = pack[kind.key];
    const rules = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
    const byId = new Map(rules.filter((rule) => rule && typeof rule === 'object').map((rule) => [String(rule.id ?? ''), rule]));
    for (const { id, category } of kind.rules ?? []) {
      const rule = byId.get(id) ?? {};
      out.push({ id, kind: KIND_NAMES[kind.key] ?? kind.key, category, weight: rule.weight ?? rule.maxWeight ?? '',
        language: LANGUAGES[id.split('.')[1]] ?? '', description: String(rule.description ?? '') });
    }
  }
  return out;
}

function renderSignals(pack, summary) {
  const filter = $('rule-filter').value.trim().toLowerCase();
  const signals = signalsOf(pack, summary).filter((s) => !filter || `${s.id} ${s.language} ${s.description} ${s.kind}`.toLowerCase().includes(filter));
  const groups = new Map();
  for (const signal of signals) {
    if (!groups.has(signal.category)) groups.set(signal.category, []);
    groups.get(signal.category).push(signal);
  }
  $('signals').replaceChildren(...[...groups].map(([category, list]) => {
    const details = document.createElement('details');
    details.open = groups.size <= 2 || Boolean(filter);
    const summary = document.createElement('summary');
    summary.textContent = `${category || 'other'} (${list.length})`;
    const table = document.createElement('table');
    const head = cellRow(['Rule', 'Kind', 'Language', 'Weight', 'What it looks for']);
    head.querySelectorAll('td').forEach((td) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = td.textContent;
      td.replaceWith(th);
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...list.map((s) => cellRow([s.id, s.kind, s.language, String(s.weight), s.description])));
    table.append(thead, tbody);
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.tabIndex = 0;  // a scrollable region is reachable by keyboard
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `${category || 'other'} rules`);
    wrap.append(table);
    details.append(summary, wrap);
    return details;
  }));
}

function renderBrands(pack) {
  const filter = $('brand-filter').value.trim().toLowerCase();
  const brands = (pack.brands ?? []).filter((b) => !filter || `${b.name} ${(b.match ?? []).join(' ')} ${(b.aliases ?? []).join(' ')}`.toLowerCase().includes(filter));
  $('brand-count').textContent = String((pack.brands ?? []).length);
  $('brands').tBodies[0].replaceChildren(...brands.slice(0, 300).map((b) => cellRow([
    b.name, b.category ?? '', [...(b.match ?? []), ...(b.aliases ?? [])].join(', '), b.floor ? `$${b.floor.minUsd}` : '',
  ])));
}

function renderPack(pack, summary) {
  $('pack-name').textContent = `${summary.id} ${summary.version}`;
  $('pack-description').textContent = summary.description ?? '';
  const counts = summary.counts ?? {};
  $('pack-counts').replaceChildren(...[['textRules', 'text rules'], ['brands', 'brands'], ['priceFloors', 'price floors'], ['specRules', 'spec rules'],
    ['listingRules', 'seller and review rules'], ['comboRules', 'combinations']].map(([key, label]) => {
    const li = document.createElement('li');
    const strong = document.createElement('strong');
    strong.textContent = String(counts[key] ?? 0);
    li.append(strong, label);
    return li;
  }));
  renderSignals(pack, summary);
  renderBrands(pack);
  $('floors').tBodies[0].replaceChildren(...(pack.priceFloors?.floors ?? []).map((f) => cellRow([f.label, `$${f.minUsd}`])));
  $('rule-filter').oninput = () => renderSignals(pack, summary);
  $('brand-filter').oninput = () => renderBrands(pack);
}

const engine = await loadEngine();
if (engine) {
  const custom = sessionStorage.getItem('fakelens-demo:custom-pack');
  let pack = custom ? JSON.parse(custom) : await (await fetch('engine/default.rules.json')).json();
  renderPack(pack, engine.rules().rules);
  document.body.dataset.rulesReady = 'true';

  $('pack-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    if (!file) return;
    const text = await file.text();
    const result = engine.loadRules(text);
    $('pack-problems').replaceChildren();
    if (result.error) {
      $('pack-status').textContent = `This pack was refused: ${result.error.message}. The pack in use stays.`;
      $('pack-problems').replaceChildren(...(result.error.problems ?? []).slice(0, 50).map((p) => {
        const li = document.createElement('li');
        li.textContent = `${p.path}: ${p.message}`;
        return li;
      }));
      return;
    }
    pack = JSON.parse(text);
    const kept = keepCustomPack(text);
    $('pack-status').textContent = kept ? 'Pack loaded; every page of the demo uses it in this tab.' : 'Pack loaded on this page (too large to keep for the other pages).';
    renderPack(pack, result.rules);
  });
  $('pack-reset').addEventListener('click', async () => {
    keepCustomPack(null);
    location.reload();
  });
} else {
  showStatus('The rule pack cannot be shown without the engine.', 'error');
}
