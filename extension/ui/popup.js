// The toolbar popup: the page's summary and its flagged listings. Listing titles come from
// pages and are shown with textContent only.
import '../shared/messages.js';

const M = globalThis.FakeLensMessages;
const $ = (id) => document.getElementById(id);

async function show() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab) return;
  const reply = await chrome.runtime.sendMessage({ type: M.GET_TAB_SUMMARY, tabId: tab.id });
  if (reply?.error) {
    $('summary').textContent = `FakeLens could not read this page's results (${reply.error.message}).`;
    return;
  }
  const { count, flagged } = reply.data;
  $('summary').textContent = flagged.length === 0
    ? 'Nothing on this page looks fake or exaggerated to FakeLens.'
    : `${count} listing${count === 1 ? '' : 's'} likely fake or exaggerated; ${flagged.length - count} worth a caution.`;
  $('flagged').replaceChildren(...flagged.map((item) => {
    const li = document.createElement('li');
    const level = document.createElement('span');
    level.className = `level level-${item.level}`;
    level.textContent = item.level === 'high' ? 'Likely fake' : 'Caution';
    li.append(level, document.createTextNode(` ${item.title}`));
    return li;
  }));
}

show();
