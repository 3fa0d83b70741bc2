// The message contract (extension/shared/messages.js) in Node: every type sits in exactly
// one group, and the service worker's handler modules answer exactly the types of theirs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { root } from '../support/paths.mjs';

const sandbox = {};
vm.runInNewContext(fs.readFileSync(path.join(root, 'extension/shared/messages.js'), 'utf8'), sandbox);
const M = sandbox.FakeLensMessages;

test('every message type is in exactly one group, and the flat names are the same types', () => {
  const groups = Object.entries(M.GROUPS);
  assert.deepEqual(groups.map(([name]) => name).sort(), ['fromContentScripts', 'fromEither', 'fromExtensionPages', 'toContentScripts']);
  const all = groups.flatMap(([, types]) => Object.values(types));
  assert.ok(all.length > 0);
  assert.equal(new Set(all).size, all.length, 'no type in two groups');
  for (const [group, types] of groups) {
    assert.ok(Object.keys(types).length > 0, `${group} has messages`);
    for (const [name, type] of Object.entries(types)) {
      assert.equal(M[name], type);
      assert.equal(M.groupOf(type), group);
    }
  }
  assert.equal(M.groupOf('fakelens:nonsense'), null);
});

// The worker's dispatcher (background/dispatch.js) with the contract's global and the two
// chrome.runtime fields it reads: this extension's id and its pages' address.
async function dispatcherAnswering(handlers) {
  globalThis.FakeLensMessages = M;
  globalThis.chrome = { runtime: { id: 'fakelens-id', getURL: (p) => `chrome-extension://fakelens-id/${p}` } };
  const { createDispatcher } = await import('../../extension/background/dispatch.js');
  return createDispatcher(handlers);
}

// Handlers that answer with their own type, for every inbound type of the contract.
const echoHandlers = () => Object.fromEntries(['fromContentScripts', 'fromExtensionPages', 'fromEither'].map((group) => [group,
  Object.fromEntries(Object.values(M.GROUPS[group]).map((type) => [type, async () => ({ data: { answered: type } })]))]));

const contentScript = { id: 'fakelens-id', tab: { id: 7 }, url: 'https://www.ebay.com/sch/i.html' };
const extensionPage = { id: 'fakelens-id', url: 'chrome-extension://fakelens-id/ui/options.html' };
const otherExtension = { id: 'someone-else', tab: { id: 7 }, url: 'https://www.ebay.com/' };

test('who may send a message follows from its group alone', async () => {
  const dispatch = await dispatcherAnswering(echoHandlers());
  const outcome = async (type, sender) => {
    const reply = await dispatch({ type }, sender);
    return reply.data?.answered === type ? 'answered' : reply.error.code;
  };
  for (const type of Object.values(M.GROUPS.fromContentScripts)) {
    assert.equal(await outcome(type, contentScript), 'answered', type);
    assert.equal(await outcome(type, extensionPage), 'forbidden', type);
  }
  for (const type of Object.values(M.GROUPS.fromExtensionPages)) {
    assert.equal(await outcome(type, extensionPage), 'answered', type);
    assert.equal(await outcome(type, contentScript), 'forbidden', type);
  }
  for (const type of Object.values(M.GROUPS.fromEither)) {
    assert.equal(await outcome(type, extensionPage), 'answered', type);
    assert.equal(await outcome(type, contentScript), 'answered', type);
  }
  for (const type of [...Object.values(M.GROUPS.fromEither), M.GET_SETTINGS]) assert.equal(await outcome(type, otherExtension), 'forbidden');
  // Sent the other way only, or unknown: no handler answers it, whoever sends it.
  assert.equal(await outcome(M.REPORT_CONTEXT_TARGET, contentScript), 'unknown_type');
  assert.equal(await outcome('fakelens:nonsense', extensionPage), 'unknown_type');
  assert.equal((await dispatch('just a string', extensionPage)).error.code, 'bad_message');
});

test('a handler that throws answers {error} with its code; a missing or extra handler stops the worker at start', async () => {
  const handlers = echoHandlers();
  handlers.fromEither[M.DELETE_REPORT] = async () => {
    throw Object.assign(new Error('no such report'), { code: 'not_found' });
  };
  const dispatch = await dispatcherAnswering(handlers);
  assert.deepEqual(await dispatch({ type: M.DELETE_REPORT }, extensionPage), { error: { code: 'not_found', message: 'no such report' } });

  const missing = echoHandlers();
  delete missing.fromExtensionPages[M.SEND_REPORTS];
  await assert.rejects(dispatcherAnswering(missing), /fromExtensionPages/);
  const extra = echoHandlers();
  extra.fromContentScripts['fakelens:made-up'] = async () => ({ data: {} });
  await assert.rejects(dispatcherAnswering(extra), /fromContentScripts/);
});

test('listings seen and report details come from content scripts only; a message of seen listings is bounded', () => {
  assert.equal(M.groupOf(M.LISTINGS_SEEN), 'fromContentScripts');
  assert.equal(M.groupOf(M.OPEN_REPORT_DETAILS), 'fromContentScripts');
  assert.ok(Number.isInteger(M.MAX_SEEN_PER_MESSAGE) && M.MAX_SEEN_PER_MESSAGE > 0 && M.MAX_SEEN_PER_MESSAGE <= M.MAX_LISTINGS_PER_MESSAGE);
});
