// The extension's price reader (content/price_text.js, a classic content script) in Node:
// every case of the amount table the core's reader passes too, and whole prices with their
// currencies as marketplaces print them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { root, testData } from '../support/paths.mjs';

// Run as the browser runs it: a classic script that assigns one global.
const sandbox = {};
vm.runInNewContext(fs.readFileSync(path.join(root, 'extension/content/price_text.js'), 'utf8'), sandbox);
const { parseAmount, parsePrice } = sandbox.FakeLensPriceText;

const table = JSON.parse(fs.readFileSync(path.join(testData, 'price-amount-cases.json'), 'utf8'));

test('parseAmount reads every case of the shared amount table', () => {
  assert.ok(Array.isArray(table.cases) && table.cases.length > 0, 'the table has cases');
  const wrong = table.cases
    .map(({ text, amount }) => ({ text, expected: amount, got: parseAmount(text) }))
    .filter(({ expected, got }) => !Object.is(got, expected));
  assert.deepEqual(wrong, []);
});

test('parsePrice finds the amount and the currency a marketplace prints', () => {
  const cases = [
    ['US $1,299.99', undefined, { amount: 1299.99, currency: 'USD' }],
    ['19,99 €', 'EUR', { amount: 19.99, currency: 'EUR' }],
    ['EUR 1.299,00', undefined, { amount: 1299, currency: 'EUR' }],
    ['R$ 49,90', 'BRL', { amount: 49.9, currency: 'BRL' }],
    ['£12.50', undefined, { amount: 12.5, currency: 'GBP' }],
    ['¥1,200', 'JPY', { amount: 1200, currency: 'JPY' }],
    ['¥1,200', 'CNY', { amount: 1200, currency: 'CNY' }],
    ['$25.00', 'CAD', { amount: 25, currency: 'CAD' }],
    ['US $25.00', 'CAD', { amount: 25, currency: 'USD' }],
    ['C $25.00', undefined, { amount: 25, currency: 'CAD' }],
    ['  1 299,99  ', 'EUR', { amount: 1299.99, currency: 'EUR' }],
    ['49.90', 'USD', { amount: 49.9, currency: 'USD' }],
  ];
  for (const [text, fallback, expected] of cases) assert.deepEqual({ ...parsePrice(text, fallback) }, expected, text);
});

test('parsePrice refuses what is no price', () => {
  const cases = [['', 'USD'], ['Free shipping', 'USD'], ['49.90', undefined], [null, 'USD'], ['$ 12345678901234567', 'USD']];
  for (const [text, fallback] of cases) assert.equal(parsePrice(text, fallback), null, String(text));
});
