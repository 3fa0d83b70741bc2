// The reason and note of a report just made from a badge (content script -> the worker's
// OPEN_REPORT_DETAILS opens this window). Typed in FakeLens's own page, no key, input or focus
// event reaches the shop's page. Listing text is shown with textContent only.
import '../shared/messages.js';

const M = globalThis.FakeLensMessages;
const $ = (id) => document.getElementById(id);
const id = new URLSearchParams(location.search).get('id') ?? '';

async function show() {
  const reply = await chrome.runtime.sendMessage({ type: M.LIST_REPORTS });
  const report = reply?.data?.reports?.find((r) => r.id === id);
  if (!report) {
    $('listing').textContent = reply?.error ? `FakeLens could not read your reports: ${reply.error.message}` : 'This report is no longer stored.';
    return;
  }
  $('listing').textContent = report.listing.title;
  $('reason').value = M.REASONS.includes(report.reason) ? report.reason : '';
  $('note').value = typeof report.note === 'string' ? report.note : '';
  $('details-form').hidden = false;
}

$('details-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const change = { note: $('note').value };
  if ($('reason').value) change.reason = $('reason').value;
  const reply = await chrome.runtime.sendMessage({ type: M.UPDATE_REPORT, id, ...change });
  $('status').textContent = reply?.error ? `Not saved: ${reply.error.message}` : 'Saved with your report.';
});

show();
