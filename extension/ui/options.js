// The options page: sensitivity, per-site switches, the active rule pack and loading a
// custom one. A pack that fails validation is refused with its problems listed, and the
// pack in use stays.
import '../shared/messages.js';

const M = globalThis.FakeLensMessages;
const $ = (id) => document.getElementById(id);

// Always a reply: a worker that stopped mid-answer (undefined, or a rejected promise) becomes an error.
const noReply = { error: { code: 'no_reply', message: 'FakeLens did not answer; please try again' } };
const send = (message) => chrome.runtime.sendMessage(message).then((reply) => reply ?? noReply, () => noReply);

function showPack(rules) {
  if (!rules) {
    $('pack-info').textContent = 'The scoring engine is not available.';
    return;
  }
  const c = rules.counts;
  $('pack-info').textContent = `${rules.id} ${rules.version}: ${c.textRules} text rules, ${c.brands} brands, ` +
    `${c.priceFloors} price floors, ${c.specRules} spec rules, ${c.listingRules} seller and review rules.`;
}

async function refresh() {
  const reply = await send({ type: M.GET_SETTINGS });
  if (reply?.error) {
    $('pack-info').textContent = reply.error.message;
    return;
  }
  const { settings, rules, sites, customPackError } = reply.data;
  for (const radio of document.querySelectorAll('input[name="sensitivity"]')) radio.checked = radio.value === settings.sensitivity;
  $('sites').replaceChildren(...sites.map((site) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !settings.disabledSites.includes(site.id);
    box.dataset.site = site.id;
    box.addEventListener('change', saveSites);
    label.append(box, document.createTextNode(` ${site.id} (${site.hosts.join(', ')})`));
    return label;
  }));
  showGranted(reply.data.grantedSites ?? []);
  $('endpoint').value = settings.endpoint ?? '';
  $('send-notes').checked = settings.sendNotes === true;
  showPack(rules);
  if (reply.data.damagedSettingsAt) {
    $('settings-warning').hidden = false;
    $('settings-warning').textContent = `Your stored settings were damaged, so FakeLens is using its defaults. A copy of what was stored was kept aside (${reply.data.damagedSettingsAt}).`;
  }
  if (customPackError) $('pack-status').textContent = `Your custom pack no longer loads (${customPackError.message}); the built-in pack is in use.`;
}

// "https://shop.example/*" <-> "shop.example"
const hostOf = (origin) => origin.replace(/^https:\/\//, '').replace(/\/\*$/, '');

function showGranted(origins) {
  $('granted-sites').replaceChildren(...origins.map((origin) => {
    const li = document.createElement('li');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Stop reading ${hostOf(origin)}`);
    remove.addEventListener('click', async () => {
      await chrome.permissions.remove({ origins: [origin] });
      refresh();  // the list of allowed sites, as the browser now has it
    });
    li.append(document.createTextNode(`${hostOf(origin)} `), remove);
    return li;
  }));
}

/** A host name from what the shopper typed ("https://shop.example/item/1" -> "shop.example"), or null. */
function parseShopHost(typed) {
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.hostname)) return null;
  return url.hostname.toLowerCase();
}

$('grant-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const host = parseShopHost($('grant-host').value);
  if (!host) {
    $('grant-status').textContent = 'That is not a shop address FakeLens can read (it needs an https:// site, like shop.example.com).';
    return;
  }
  // Asked for straight from the click: the browser shows its own permission prompt.
  const granted = await chrome.permissions.request({ origins: [`https://${host}/*`] }).catch(() => false);
  $('grant-status').textContent = granted ? `FakeLens now reads ${host}. Reload its open pages to see annotations.` : `${host} was not allowed.`;
  if (granted) {
    $('grant-host').value = '';
    $('send-notes').addEventListener('change', async () => {
  const reply = await send({ type: M.SET_SETTINGS, sendNotes: $('send-notes').checked });
  $('endpoint-status').textContent = reply?.error ? reply.error.message
    : $('send-notes').checked ? 'Your notes will be sent with your reports.' : 'Your notes stay on this device.';
});

refresh();
  }
});

async function saveSites() {
  const disabledSites = [...document.querySelectorAll('#sites input')].filter((b) => !b.checked).map((b) => b.dataset.site);
  await send({ type: M.SET_SETTINGS, disabledSites });
}

for (const radio of document.querySelectorAll('input[name="sensitivity"]')) {
  radio.addEventListener('change', () => send({ type: M.SET_SETTINGS, sensitivity: radio.value }));
}

$('pack-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (!file) return;
  const reply = await send({ type: M.SET_CUSTOM_PACK, packText: await file.text() });
  $('pack-problems').replaceChildren();
  if (reply?.error) {
    $('pack-status').textContent = `The pack was refused: ${reply.error.message}. The pack in use stays.`;
    $('pack-problems').replaceChildren(...(reply.error.problems ?? []).slice(0, 50).map((p) => {
      const li = document.createElement('li');
      li.textContent = `${p.path}: ${p.message}`;
      return li;
    }));
    return;
  }
  $('pack-status').textContent = 'Custom pack loaded.';
  showPack(reply.data.rules);
});

$('pack-reset').addEventListener('click', async () => {
  const reply = await send({ type: M.SET_CUSTOM_PACK, packText: null });
  $('pack-problems').replaceChildren();
  $('pack-status').textContent = reply?.error ? reply.error.message : 'Built-in pack in use.';
  if (!reply?.error) showPack(reply.data.rules);
});

$('endpoint-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('endpoint').value.trim();
  const reply = await send({ type: M.SET_SETTINGS, endpoint: value === '' ? null : value });
  $('endpoint-status').textContent = reply?.error ? reply.error.message
    : value === '' ? 'Nothing will be sent.' : `New reports will be sent to ${value}.`;
});

$('send-notes').addEventListener('change', async () => {
  const reply = await send({ type: M.SET_SETTINGS, sendNotes: $('send-notes').checked });
  $('endpoint-status').textContent = reply?.error ? reply.error.message
    : $('send-notes').checked ? 'Your notes will be sent with your reports.' : 'Your notes stay on this device.';
});

refresh();
