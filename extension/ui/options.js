// The options page: sensitivity, per-site switches, the active rule pack and loading a
// custom one. A pack that fails validation is refused with its problems listed, and the
// pack in use stays.
import '../shared/messages.js';

const M = globalThis.FakeLensMessages;
const $ = (id) => document.getElementById(id);

const send = (message) => chrome.runtime.sendMessage(message);

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
  showPack(rules);
  if (customPackError) $('pack-status').textContent = `Your custom pack no longer loads (${customPackError.message}); the built-in pack is in use.`;
}

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

refresh();
