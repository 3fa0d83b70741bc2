// What leaves the browser when the shopper set an endpoint (extension/shared/outgoing.js),
// and the endpoint check against the manifest's Content-Security-Policy: an endpoint the
// settings accept must be one the extension can actually reach.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LOCAL_HTTP_HOSTS, validEndpoint } from '../../extension/background/settings.js';
import { addressWithoutQuery, outgoingReport } from '../../extension/shared/outgoing.js';
import { root } from '../support/paths.mjs';
import { contractValidator } from '../support/schema.mjs';

const stored = {
  id: '12345678-1234-4234-8234-123456789abc',
  createdAt: '2026-12-01T10:00:00.000Z',
  status: 'saved',
  reason: 'counterfeit',
  note: 'my cousin bought one, it fell apart',
  delivery: { attempts: 0, nextAttemptAt: 0 },
  listing: {
    title: 'AAA Replica Designer Tote Bag', marketplace: 'etsy', page: 'search', locale: 'en-US',
    url: 'https://www.etsy.com/listing/123/tote?ref=search_grid&q=my+private+search#reviews',
    description: 'Long seller text', reviews: { count: 3, rating: 4.5 },
    price: { amount: '25.00', currency: 'USD' },
    seller: { name: 'Bag Barn', id: 'bagbarn', history: { asOf: '2026-12-01T10:00:00.000Z', events: [{ type: 'report', at: '2026-11-30' }] } },
  },
  verdict: {
    level: 'high', score: 90, categories: { counterfeit: 90, exaggeration: 0, pricing: 0, seller: 40 }, rules: { id: 'fakelens-default', version: '1' },
    evidence: [
      { rule: 'replica.en', category: 'counterfeit', weight: 0.9, field: 'title', span: { start: 4, end: 11 }, match: 'Replica', message: 'The title says "Replica".' },
      { rule: 'seller.record', category: 'seller', weight: 0.4, field: 'seller', message: 'You reported this seller once (your credit for them: 60 of 100).', args: { reports: 1, credit: 60 } },
    ],
  },
};

test('a sent report holds only what a receiver needs: no query, fragment, description, reviews, history or evidence sentences', () => {
  const body = outgoingReport(stored);
  assert.equal(contractValidator('report')(body), null);
  assert.equal(body.status, 'sent');
  assert.equal(body.listing.url, 'https://www.etsy.com/listing/123/tote');
  assert.equal(body.note, undefined, 'the note stays unless the shopper chose to send notes');
  assert.equal(body.delivery, undefined);
  assert.deepEqual(Object.keys(body.listing).sort(), ['marketplace', 'price', 'seller', 'title', 'url']);
  assert.deepEqual(body.listing.seller, { name: 'Bag Barn', id: 'bagbarn' });
  assert.ok(body.verdict.evidence.length === 2);
  for (const item of body.verdict.evidence) {
    assert.equal(item.message, undefined);
    assert.equal(item.args, undefined);
  }
  assert.doesNotMatch(JSON.stringify(body), /private search|credit for them|Long seller text|history/);
});

test('the note goes only when the shopper ticked "include my note"', () => {
  assert.equal(outgoingReport(stored, { includeNote: true }).note, stored.note);
  assert.equal(outgoingReport({ ...stored, note: '' }, { includeNote: true }).note, undefined);
});

test('a listing address is cut to origin and path; anything but http(s) is dropped', () => {
  assert.equal(addressWithoutQuery('https://shop.example/a/b?x=1#y'), 'https://shop.example/a/b');
  assert.equal(addressWithoutQuery('javascript:alert(1)'), undefined);
  assert.equal(addressWithoutQuery('not a url'), undefined);
  assert.equal(outgoingReport({ ...stored, listing: { title: 't', url: 'javascript:alert(1)' } }).listing.url, undefined);
});

// The manifest's connect-src, as source expressions: 'self', scheme sources ("https:") and
// host sources with a port wildcard ("http://127.0.0.1:*"), which is all it uses.
function cspAllows(connectSrc, address) {
  const url = new URL(address);
  return connectSrc.some((source) => {
    if (source === `${url.protocol}`) return true;
    const host = /^(https?):\/\/([^/:]+):\*$/.exec(source);
    return Boolean(host) && `${host[1]}:` === url.protocol && host[2] === url.hostname;
  });
}

test('every endpoint the settings accept is one the CSP lets the extension reach, and no other', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'extension/manifest.json'), 'utf8'));
  const directive = manifest.content_security_policy.extension_pages.split(';').map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src');
  assert.ok(directive, 'the CSP names connect-src');
  const connectSrc = directive.slice(1);
  const candidates = ['https://reports.example.org/fakelens', 'https://[2001:db8::1]/r', 'http://127.0.0.1:8080/r', 'http://localhost:9000/r',
    'http://[::1]:8080/r', 'http://[::1]/r', 'http://10.0.0.1/r', 'http://0.0.0.0:80/r', 'http://reports.example.org/r', 'ftp://127.0.0.1/r',
    ...LOCAL_HTTP_HOSTS.map((host) => `http://${host}:1234/x`)];
  const accepted = candidates.filter((c) => validEndpoint(c));
  assert.ok(accepted.length >= 3, JSON.stringify(accepted));
  for (const candidate of candidates) {
    assert.equal(validEndpoint(candidate), cspAllows(connectSrc, candidate), candidate);
  }
});
