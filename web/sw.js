// Keeps the demo working offline once it has loaded: every file is cached on install and
// served from the cache when the network fails (network first, so a rebuilt demo shows).
const CACHE = 'fakelens-demo-v4';
const FILES = ['./', 'index.html', 'shop.html', 'batch.html', 'rules.html', 'style.css', 'icon.svg', 'common.mjs',
  'playground.mjs', 'shop.mjs', 'shop-listings.json', 'batch.mjs', 'batch_worker.mjs', 'listings_file.mjs', 'rules.mjs',
  'engine/fakelens.mjs', 'engine/fakelens-core.wasm', 'engine/default.rules.image', 'engine/default.rules.json',
  'annotator/shared/messages.js', 'annotator/shared/sites.js', 'annotator/shared/records.js', 'annotator/shared/scoring.js',
  'annotator/content/price_text.js',
  'annotator/content/extract.js', 'annotator/content/annotate.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || new URL(event.request.url).origin !== location.origin) return;
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true }).then((cached) => cached ?? Response.error())));
});
