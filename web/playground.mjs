// The playground: a listing form scored live as you type, with the score gauge, the four
// categories, the evidence and the matched words highlighted; presets in several languages;
// and a link that restores the form. Page text reaches the DOM through textContent only.
import { $, highlightedText, loadEngine } from './common.mjs';

const FIELDS = ['title', 'description', 'brand', 'condition', 'price', 'listPrice', 'currency', 'sellerName', 'sellerRating',
  'sellerRatingCount', 'sellerAgeDays', 'sellerOfficial', 'reviewsAverage', 'reviewsCount'];
const CATEGORIES = [['counterfeit', 'Counterfeit'], ['exaggeration', 'Exaggeration'], ['pricing', 'Pricing'], ['seller', 'Seller']];

const PRESETS = [
  { name: 'Replica handbag (English)', form: { title: 'AAA quality replica handbag, 1:1 mirror quality', price: '29.99', listPrice: '899', currency: 'USD', sellerName: 'luxe_outlet_88', sellerRating: '91', sellerRatingCount: '140', sellerAgeDays: '20' } },
  { name: 'Honest phone (English)', form: { title: 'Apple iPhone 15 Pro 256GB Natural Titanium, unlocked', brand: 'Apple', condition: 'new', price: '999', currency: 'USD', sellerName: 'Apple Store', sellerOfficial: true, sellerRating: '99.5', sellerRatingCount: '120000' } },
  { name: '高仿 watch (Chinese)', form: { title: '高仿劳力士 潜航者 机械男表 一比一 顶级复刻', price: '168', currency: 'CNY', sellerName: '名表工厂店' } },
  { name: 'Réplica tênis (Portuguese)', form: { title: 'Tênis Nike Air Jordan 1 réplica primeira linha', price: '129.9', currency: 'BRL' } },
  { name: '1TB phone for $69', form: { title: 'S24 Ultra smartphone 16GB RAM 1TB 200MP camera 7.3 inch unlocked', price: '69', currency: 'USD' } },
  { name: 'Miracle cure', form: { title: 'Miracle herbal tea cures diabetes in 7 days, 100% effective', description: 'Doctors hate it. FDA approved formula.', price: '39', currency: 'USD' } },
  { name: '95% off', form: { title: 'Bluetooth speaker portable waterproof bass', price: '12.99', listPrice: '259.99', currency: 'USD' } },
  { name: 'Honest bag (German)', form: { title: 'Handgefertigte Ledertasche aus Rindsleder, braun', price: '89', currency: 'EUR', sellerName: 'Lederwerk Berlin', sellerRating: '99.1', sellerRatingCount: '2300', sellerAgeDays: '2400' } },
  { name: 'Disguised brand (N1ke)', form: { title: 'N1ke Air Max 90 sneakers, best quality', price: '35', currency: 'USD' } },
];

function readForm() {
  const values = {};
  for (const name of FIELDS) {
    const input = $(name);
    values[name] = input.type === 'checkbox' ? input.checked : input.value;
  }
  return values;
}

function fillForm(values) {
  for (const name of FIELDS) {
    const input = $(name);
    if (input.type === 'checkbox') input.checked = values[name] === true;
    else input.value = typeof values[name] === 'string' ? values[name] : '';
  }
}

const number = (text) => (text === '' || text === undefined ? undefined : Number(text));

/** The Listing (contract) the form describes; fields left empty are absent. */
export function listingFromForm(form) {
  const listing = { id: 'playground', title: form.title };
  if (form.description.trim()) listing.description = form.description;
  if (form.brand.trim()) listing.brand = form.brand.trim();
  if (form.condition) listing.condition = form.condition;
  const currency = form.currency.trim().toUpperCase();
  if (form.price !== '') listing.price = { amount: number(form.price), currency };
  if (form.listPrice !== '') listing.listPrice = { amount: number(form.listPrice), currency };
  const seller = {};
  if (form.sellerName.trim()) seller.name = form.sellerName.trim();
  if (form.sellerRating !== '') seller.rating = number(form.sellerRating);
  if (form.sellerRatingCount !== '') seller.ratingCount = number(form.sellerRatingCount);
  if (form.sellerAgeDays !== '') seller.ageDays = number(form.sellerAgeDays);
  if (form.sellerOfficial) seller.official = true;
  if (Object.keys(seller).length) listing.seller = seller;
  const reviews = {};
  if (form.reviewsAverage !== '') reviews.average = number(form.reviewsAverage);
  if (form.reviewsCount !== '') reviews.count = number(form.reviewsCount);
  if (Object.keys(reviews).length) listing.reviews = reviews;
  return listing;
}

// The shareable link keeps the form in the URL fragment (never sent to a server).
const encodeForm = (form) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(form))))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function decodeForm(text) {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const form = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return form && typeof form === 'object' && !Array.isArray(form) ? form : null;
  } catch {
    return null;
  }
}

function renderCategories(categories) {
  $('categories').replaceChildren(...CATEGORIES.map(([key, label]) => {
    const row = document.createElement('div');
    row.className = 'category';
    const name = document.createElement('span');
    name.textContent = label;
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 100;
    meter.low = 35;
    meter.high = 70;
    meter.optimum = 0;
    meter.value = categories?.[key] ?? 0;
    meter.setAttribute('aria-label', `${label} risk`);
    meter.dataset.category = key;
    const value = document.createElement('span');
    value.textContent = String(categories?.[key] ?? 0);
    row.append(name, meter, value);
    return row;
  }));
}

function render(listing, verdict) {
  if (verdict.error) {
    $('level').textContent = 'cannot score';
    $('level').className = 'level';
    $('score-text').textContent = `${verdict.error.message} (${verdict.error.code})`;
    $('evidence').replaceChildren();
    renderCategories(null);
    document.body.dataset.fakelensLevel = 'error';
    return;
  }
  $('level').textContent = { low: 'Low risk', medium: 'Caution', high: 'Likely fake or exaggerated' }[verdict.level];
  $('level').className = `level level-${verdict.level}`;
  $('score-text').textContent = `risk score ${verdict.score} of 100`;
  $('gauge-value').setAttribute('stroke-dasharray', `${verdict.score} 100`);
  $('gauge-value').dataset.level = verdict.level;
  $('gauge-text').textContent = String(verdict.score);
  $('gauge-label').textContent = `Risk score ${verdict.score} of 100`;
  document.body.dataset.fakelensLevel = verdict.level;
  renderCategories(verdict.categories);
  const spansOf = (field) => verdict.evidence.filter((e) => e.field === field && e.span).map((e) => e.span);
  $('highlighted-title').replaceChildren(highlightedText(document, listing.title, spansOf('title')));
  const description = listing.description ?? '';
  $('highlighted-description').replaceChildren(highlightedText(document, description, spansOf('description')));
  $('highlighted-description').hidden = !description;
  $('description-heading').hidden = !description;
  $('evidence').replaceChildren(...(verdict.evidence.length ? verdict.evidence : [{ message: 'Nothing in this listing looks fake or exaggerated to FakeLens.' }])
    .map((e) => {
      const item = document.createElement('li');
      item.textContent = e.message;
      if (e.category) item.dataset.category = e.category;
      return item;
    }));
}

$('presets').replaceChildren(...PRESETS.map((preset, index) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = preset.name;
  button.dataset.preset = String(index);
  return button;
}));

const shared = location.hash.startsWith('#listing=') ? decodeForm(location.hash.slice(9)) : null;
fillForm({ ...Object.fromEntries(FIELDS.map((f) => [f, ''])), ...(shared ?? PRESETS[0].form) });

const engine = await loadEngine();
const update = () => {
  if (!engine) return;
  const listing = listingFromForm(readForm());
  render(listing, engine.score(listing));
};
$('listing-form').addEventListener('input', update);
$('listing-form').addEventListener('change', update);
$('presets').addEventListener('click', (event) => {
  const index = event.target.closest('button[data-preset]')?.dataset.preset;
  if (index === undefined) return;
  fillForm({ ...Object.fromEntries(FIELDS.map((f) => [f, ''])), ...PRESETS[Number(index)].form });
  update();
});
$('share').addEventListener('click', async () => {
  const url = `${location.origin}${location.pathname}#listing=${encodeForm(readForm())}`;
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url);
    $('share-status').textContent = 'Link copied.';
  } catch {
    $('share-status').textContent = 'The address bar now holds the link.';
  }
});
update();
