// The project's fixture pages, one per supported marketplace and page kind, each served at a
// real URL of that marketplace. Elements carrying data-expect are the listings the page holds,
// with the level FakeLens should give them and what extraction should read
// (data-expect-price="12.99 USD", data-expect-list-price, data-expect-seller).
import path from 'node:path';
import { root } from './paths.mjs';

export const fixtureDir = path.join(root, 'tests/browser/fixtures');

export const siteFixtures = [
  ['amazon', 'search', 'https://www.amazon.com/s?k=airpods'],
  ['amazon', 'product', 'https://www.amazon.com/dp/B0FAKE0001'],
  ['ebay', 'search', 'https://www.ebay.com/sch/i.html?_nkw=watch'],
  ['ebay', 'product', 'https://www.ebay.co.uk/itm/100200300400'],
  ['aliexpress', 'search', 'https://www.aliexpress.com/w/wholesale-watch.html'],
  ['aliexpress', 'product', 'https://www.aliexpress.com/item/1005009000000.html'],
  ['walmart', 'search', 'https://www.walmart.com/search?q=phone'],
  ['walmart', 'product', 'https://www.walmart.com/ip/Hair-Serum/5550001'],
  ['etsy', 'search', 'https://www.etsy.com/search?q=designer+bag'],
  ['etsy', 'product', 'https://www.etsy.com/listing/1234567/custom-sneakers'],
  ['temu', 'search', 'https://www.temu.com/search_result.html?search_key=headphones'],
  ['temu', 'product', 'https://www.temu.com/smart-watch-g-601099512345678.html'],
  ['taobao', 'search', 'https://s.taobao.com/search?q=%E6%89%8B%E8%A1%A8'],
  ['taobao', 'product', 'https://detail.tmall.com/item.htm?id=70000009'],
  ['mercadolivre', 'search', 'https://lista.mercadolivre.com.br/fone-bluetooth'],
  ['mercadolivre', 'product', 'https://produto.mercadolivre.com.br/MLB-123456789-perfume'],
  ['bestbuy', 'search', 'https://www.bestbuy.com/site/searchpage.jsp?st=ssd'],
  ['bestbuy', 'product', 'https://www.bestbuy.com/site/8k-tv/6500009.p'],
  ['newegg', 'search', 'https://www.newegg.com/p/pl?d=graphics+card'],
  ['newegg', 'product', 'https://www.newegg.com/p/N82E16820000001'],
].map(([site, kind, url]) => ({ site, kind, url, file: path.join(fixtureDir, `${site}-${kind}.html`) }));

/** The fixture table as the {url: file} map extension.serve() takes. */
export function fixturePages() {
  return Object.fromEntries(siteFixtures.map((f) => [f.url, f.file]));
}
