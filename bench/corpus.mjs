// A deterministic corpus of marketplace listings for the benchmark: several languages,
// realistic title and description lengths, honest and suspicious wording mixed. The same
// seed always gives the same bytes.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LANGUAGES = {
  en: { nouns: ['wireless earbuds', 'leather handbag', 'running shoes', 'smart watch', 'phone case', 'bluetooth speaker', 'usb flash drive', 'sunglasses', 'perfume 100ml', 'gaming mouse', 'power bank', 'backpack', 'kitchen knife set', 'yoga mat', 'desk lamp'],
    adjectives: ['new', 'premium', 'lightweight', 'waterproof', 'portable', 'genuine', 'original', 'vintage', 'handmade', 'fast charging', 'noise cancelling', 'ergonomic'],
    suspicious: ['AAA quality replica', '1:1 mirror copy', 'super copy', '100% original guaranteed', 'miracle results', 'cures insomnia', 'same as original', 'best quality fake'],
    filler: 'Ships fast from our warehouse. Includes charging cable and manual. Contact us with any question before buying; we reply within a day. ' },
  es: { nouns: ['auriculares inalámbricos', 'bolso de cuero', 'zapatillas', 'reloj inteligente', 'funda de móvil', 'altavoz', 'gafas de sol', 'perfume'],
    adjectives: ['nuevo', 'original', 'impermeable', 'portátil', 'artesanal', 'ligero'],
    suspicious: ['réplica AAA', 'imitación de calidad', 'copia 1:1', 'cura milagrosa'],
    filler: 'Envío rápido desde España. Garantía de dos años y devolución gratuita. ' },
  pt: { nouns: ['fone bluetooth', 'bolsa de couro', 'tênis', 'relógio', 'capinha', 'caixa de som', 'óculos de sol', 'perfume importado'],
    adjectives: ['novo', 'original', 'lacrado', 'à prova d\u2019água', 'premium'],
    suspicious: ['réplica primeira linha', 'cópia perfeita', 'AAA', 'contratipo'],
    filler: 'Enviamos para todo o Brasil com nota fiscal. Garantia de 90 dias. ' },
  de: { nouns: ['Kopfhörer', 'Ledertasche', 'Laufschuhe', 'Smartwatch', 'Handyhülle', 'Lautsprecher', 'Sonnenbrille'],
    adjectives: ['neu', 'original', 'wasserdicht', 'tragbar', 'handgemacht'],
    suspicious: ['Replik 1:1', 'Nachbau', 'Fälschung beste Qualität'],
    filler: 'Versand innerhalb von 24 Stunden aus Deutschland. Rechnung mit ausgewiesener MwSt. ' },
  zh: { nouns: ['无线耳机', '真皮手提包', '跑步鞋', '智能手表', '手机壳', '蓝牙音箱', '太阳镜', '香水'],
    adjectives: ['新款', '正品', '防水', '便携', '手工'],
    suspicious: ['高仿', '一比一', 'A货', '复刻'],
    filler: '全国包邮，七天无理由退换，正品保证。' },
  fr: { nouns: ['écouteurs sans fil', 'sac en cuir', 'chaussures de course', 'montre connectée', 'coque de téléphone'],
    adjectives: ['neuf', 'original', 'étanche', 'portable', 'fait main'],
    suspicious: ['réplique AAA', 'copie conforme', 'contrefaçon qualité'],
    filler: 'Expédition rapide depuis la France. Garantie constructeur de deux ans. ' },
};
const BRANDS = ['Apple', 'Samsung', 'Nike', 'Adidas', 'Sony', 'Gucci', 'Rolex', 'Casio', 'JBL', 'Anker', 'Ray-Ban', 'Chanel', 'Dyson', 'Xiaomi', 'Logitech'];
// Brands written so a plain filter misses them, as counterfeit listings do.
const DISGUISED_BRANDS = ['N1ke', 'R0lex', 'G-U-C-C-I', 'Adldas', 'Guccі', 'Ch4nel', 'S.a.m.s.u.n.g', 'ＲＯＬＥＸ'];
const CURRENCIES = { en: 'USD', es: 'EUR', pt: 'BRL', de: 'EUR', zh: 'CNY', fr: 'EUR' };
const SELLERS = ['Acme Store', 'Global Deals', 'TechWorld', 'Luxe Outlet', 'Casa Bella', 'Shenzhen Digital', 'Berlin Leder', 'Paris Mode'];

export function generateListing(random, index) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const codes = Object.keys(LANGUAGES);
  const code = codes[Math.floor(random() * codes.length)];
  const lang = LANGUAGES[code];
  const brandRoll = random();
  const brand = brandRoll < 0.04 ? pick(DISGUISED_BRANDS) : brandRoll < 0.6 ? pick(BRANDS) : '';
  const parts = [pick(lang.adjectives), brand, pick(lang.nouns), pick(lang.adjectives)];
  if (random() < 0.15) parts.splice(1 + Math.floor(random() * 3), 0, pick(lang.suspicious));
  if (random() < 0.3) parts.push(`${Math.floor(random() * 512) + 1}${pick(['GB', 'mAh', 'W', 'ml', 'cm'])}`);
  const title = parts.filter(Boolean).join(' ').replace(/\s+/g, ' ');
  const listing = { id: `bench-${index}`, title };
  if (random() < 0.7) {
    const sentences = Math.floor(random() * 4) + 1;
    listing.description = Array.from({ length: sentences }, () => lang.filler).join('') + (random() < 0.1 ? pick(lang.suspicious) : '');
  }
  const amount = Math.round((random() < 0.1 ? random() * 20 : 10 + random() * 900) * 100) / 100;
  listing.price = { amount, currency: CURRENCIES[code] };
  if (random() < 0.25) listing.listPrice = { amount: Math.round(amount * (1.2 + random() * 8) * 100) / 100, currency: CURRENCIES[code] };
  if (random() < 0.5) listing.seller = { name: pick(SELLERS), rating: Math.round(80 + random() * 20), ratingCount: Math.floor(random() * 5000) };
  return listing;
}

/** `count` listings as JSON Lines text (no final newline). */
export function generateCorpus(count, seed = 20261128) {
  const random = mulberry32(seed);
  const lines = new Array(count);
  for (let i = 0; i < count; i += 1) lines[i] = JSON.stringify(generateListing(random, i));
  return lines.join('\n');
}

/** Titles built to hurt backtracking regex engines, of about `bytes` bytes each. */
export function adversarialTitles(bytes) {
  const repeat = (unit) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  return {
    'repeated "100 % "': repeat('100 % '),
    'letters, no spaces': repeat('a'),
    'alternating separators': repeat('r-e.p l_i*c a '),
    'near-miss brand': repeat('rolexx g-u-c-c '),
  };
}
