// What the built extension sends, in real headless Chromium, to a receiver on this machine:
// only what the options page says, the note only when the shopper ticked "include my note",
// page addresses without query string or fragment; and an endpoint the extension could not
// reach (its CSP does not allow it) is refused when it is set, not discovered later.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { eventually, launchWithExtension } from '../support/extension.mjs';

let browser;
let receiver;
const received = [];
before(async () => {
  browser = await launchWithExtension();
  await browser.serve({});
  receiver = http.createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type');
    if (request.method === 'OPTIONS') return response.end();
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ url: request.url, body: JSON.parse(body) });
      response.writeHead(201).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await browser?.close();
});

const optionsUrl = () => `chrome-extension://${browser.extensionId}/ui/options.html`;

async function setEndpoint(options, value) {
  await options.fill('#endpoint', value);
  await options.evaluate(() => { document.getElementById('endpoint-status').textContent = ''; });
  await options.click('#endpoint-form button');
  await options.waitForFunction(() => document.getElementById('endpoint-status').textContent !== '');
  return options.textContent('#endpoint-status');
}

// A report as the reports page or an import would hand it over: a listing address with a
// search query and a fragment, a description, and a seller history the page tried to send.
function reportMessage(id, title) {
  return {
    type: 'fakelens:report-listing',
    report: {
      id,
      listing: {
        title, marketplace: 'etsy', url: 'https://www.etsy.com/listing/42/tote?ref=search&q=my+private+words#reviews',
        description: 'The seller\'s long description', seller: { name: 'Bag Barn', id: 'bagbarn' },
        price: { amount: '25.00', currency: 'USD' },
      },
      verdict: {
        level: 'high', score: 88, categories: { counterfeit: 88, exaggeration: 0, pricing: 0, seller: 40 },
        evidence: [{ rule: 'seller.record', category: 'seller', weight: 0.4, field: 'seller', message: 'You reported this seller 3 times (your credit for them: 40 of 100).' }],
      },
    },
  };
}

test('an endpoint the extension could never reach is refused when set: http://[::1] and other plain-http hosts', async () => {
  const options = await browser.context.newPage();
  await options.goto(optionsUrl());
  await options.waitForSelector('#sites input[data-site="ebay"]');
  for (const bad of ['http://[::1]:8080/reports', 'http://192.168.1.10/reports']) {
    assert.match(await setEndpoint(options, bad), /must be an https:\/\/ address/, bad);
  }
  const { settings } = (await options.evaluate(() => chrome.runtime.sendMessage({ type: 'fakelens:get-settings' }))).data;
  assert.equal(settings.endpoint, null);
  await options.close();
});

test('a sent report carries no query string, fragment, description or history sentence, and the note only when ticked', async () => {
  const options = await browser.context.newPage();
  await options.goto(optionsUrl());
  await options.waitForSelector('#sites input[data-site="ebay"]');
  assert.match(await options.textContent('#what-is-sent'), /without its query string/);
  assert.equal(await options.isChecked('#send-notes'), false, 'notes are not sent by default');
  const live = `http://127.0.0.1:${receiver.address().port}/reports`;
  // A report is sent as soon as it is saved; a receiver that is down at first keeps it
  // queued while the shopper adds a note, and "send now" then delivers it.
  const down = await new Promise((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(`http://127.0.0.1:${port}/reports`));
    });
  });
  const reportWithNote = async (id, title, note) => {
    assert.match(await setEndpoint(options, down), /will be sent/);
    const reply = await options.evaluate((message) => chrome.runtime.sendMessage(message), reportMessage(id, title));
    assert.equal(reply.error, undefined, JSON.stringify(reply.error));
    const update = await options.evaluate(([reportId, text]) => chrome.runtime.sendMessage({ type: 'fakelens:update-report', id: reportId, note: text, reason: 'counterfeit' }), [id, note]);
    assert.equal(update.error, undefined, JSON.stringify(update.error));
    assert.match(await setEndpoint(options, live), /will be sent/);
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'fakelens:send-reports' }));
    assert.ok(await eventually(() => received.some((r) => r.body.id === id)), `${title} reached the receiver`);
  };
  const first = '11111111-aaaa-4aaa-8aaa-111111111111';
  await reportWithNote(first, 'AAA Replica Tote one', 'a private note');
  await options.check('#send-notes');
  await options.waitForFunction(() => /notes will be sent/.test(document.getElementById('endpoint-status').textContent));
  const second = '22222222-bbbb-4bbb-8bbb-222222222222';
  await reportWithNote(second, 'AAA Replica Tote two', 'a note I chose to share');

  const sent = Object.fromEntries(received.map((r) => [r.body.id, r.body]));
  for (const body of [sent[first], sent[second]]) {
    assert.equal(body.listing.url, 'https://www.etsy.com/listing/42/tote');
    assert.equal(body.listing.description, undefined);
    assert.equal(body.delivery, undefined);
    assert.ok(body.verdict.evidence.length > 0);
    assert.equal(body.verdict.evidence[0].message, undefined);
    assert.doesNotMatch(JSON.stringify(body), /my\+private\+words|#reviews|credit for them/);
  }
  assert.equal(sent[first].note, undefined, 'not ticked: the note stays here');
  assert.equal(sent[second].note, 'a note I chose to share', 'ticked: the note goes with the report');
  assert.equal(sent[second].reason, 'counterfeit');
  await setEndpoint(options, '');
  await options.close();
});
