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

// Every kind of rule the pack holds, as {id, kind, category, weight, language, description}.
function signalsOf(pack) {
  const out = [];
  const add = (rule, kind) => {
    if (!rule || typeof rule !== 'object') return;
    const parts = String(rule.id ?? '').split('.');
    out.push({ id: String(rule.id ?? ''), kind, category: rule.category ?? '', weight: rule.weight ?? rule.maxWeight ?? '',
      language: LANGUAGES[parts[1]] ?? '', description: String(rule.description ?? '') });
  };
  for (const rule of pack.textRules ?? []) add(rule, 'words in the text');
  for (const rule of pack.discountRules ?? []) add({ ...rule, category: 'pricing' }, 'discount');
  for (const rule of pack.textDiscountRules ?? []) add({ ...rule, category: 'pricing' }, 'discount written in the text');
  for (const rule of pack.specRules ?? []) add({ ...rule, category: 'exaggeration' }, 'implausible specification');
  for (const rule of pack.listingRules ?? []) add(rule, 'seller and reviews');
  for (const rule of pack.comboRules ?? []) add(rule, 'combination');
  add(pack.brandDisguise && { ...pack.brandDisguise, category: 'counterfeit' }, 'disguised brand');
  add(pack.priceFloors && { ...pack.priceFloors, category: 'pricing' }, 'price floor');
  add(pack.styleRule && { ...pack.styleRule, category: 'exaggeration' }, 'shouting style');
  add(pack.sellerRecordRule && { ...pack.sellerRecordRule, category: 'seller' }, 'your record of the seller');
  return out;
}

function renderSignals(pack) {
  const filter = $('rule-filter').value.trim().toLowerCase();
  const signals = signalsOf(pack).filter((s) => !filter || `${s.id} ${s.language} ${s.description} ${s.kind}`.toLowerCase().includes(filter));
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
  renderSignals(pack);
  renderBrands(pack);
  $('floors').tBodies[0].replaceChildren(...(pack.priceFloors?.floors ?? []).map((f) => cellRow([f.label, `$${f.minUsd}`])));
  $('rule-filter').oninput = () => renderSignals(pack);
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
