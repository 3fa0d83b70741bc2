// The web demo's file reading (web/listings_file.mjs): JSON Lines and CSV into listings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvToJsonLines, detectFormat, jsonLines, parseCsv } from '../../web/listings_file.mjs';

test('JSON Lines: one final line break is not an empty line; inner empty lines stay', () => {
  assert.deepEqual(jsonLines('{"a":1}\n{"b":2}\n'), ['{"a":1}', '{"b":2}']);
  assert.deepEqual(jsonLines('{"a":1}\r\n\r\n{"b":2}'), ['{"a":1}', '', '{"b":2}']);
  assert.deepEqual(jsonLines(''), []);
});

test('CSV: quotes, doubled quotes, commas and line breaks inside quotes', () => {
  assert.deepEqual(parseCsv('a,b\n"x, y","he said ""hi"""\n"multi\nline",2'), [['a', 'b'], ['x, y', 'he said "hi"'], ['multi\nline', '2']]);
});

test('CSV rows become listings from the header; bad amounts stay text for the core to refuse', () => {
  const { lines, error } = csvToJsonLines('\uFEFFTitle,Price,List_Price,Currency,Seller\nBag,"1,299.00",,eur,Shop\nMug,cheap,,,\n');
  assert.equal(error, undefined);
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [
    { title: 'Bag', price: { amount: 1299, currency: 'EUR' }, seller: { name: 'Shop' } },
    { title: 'Mug', price: { amount: 'cheap', currency: 'USD' } },
  ]);
  assert.match(csvToJsonLines('name_of_thing,price\nx,1\n').error, /title/);
  assert.equal(detectFormat('x.csv', '{'), 'csv');
  assert.equal(detectFormat('data.txt', '  {"title":"x"}'), 'jsonl');
});
