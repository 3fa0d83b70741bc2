// Optional sending: off unless the shopper sets an endpoint. Reports made while one is set
// carry `delivery` and are POSTed as JSON (shared/outgoing.js: the least of the Report a
// receiver needs; the note only if the shopper chose to send notes); failures are retried
// with backoff (30 s doubling, at most an hour) on an alarm, and after MAX_SEND_ATTEMPTS the
// report is marked failed, never dropped: "Send now" on the reports page tries it again.
import { outgoingReport } from '../shared/outgoing.js';
import { MAX_SEND_ATTEMPTS, retryDelayMs } from '../shared/records.js';
import { readSettings } from './settings.js';
import { readAll, updateReport } from './store.js';

export const SEND_ALARM = 'fakelens-send-reports';
let flushing = null;

async function post(endpoint, report, includeNote) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15000);
  try {
    const response = await fetch(endpoint, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(outgoingReport(report, { includeNote })),
      signal: controller.signal, credentials: 'omit', redirect: 'error',
    });
    return response.ok ? null : `the endpoint answered ${response.status}`;
  } catch (cause) {
    return `the endpoint could not be reached (${cause?.message ?? cause})`;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends every due report; `force` also retries failed ones and ignores backoff. */
export function flushQueue(endpoint, { force = false } = {}) {
  if (!endpoint) return Promise.resolve({ sent: 0, pending: 0 });
  flushing ??= (async () => {
    const now = Date.now();
    const { reports } = await readAll();
    const { sendNotes } = await readSettings();
    const due = reports.filter((r) => r.delivery && (r.status === 'saved' || (force && r.status === 'failed')) &&
      (force || (r.delivery.nextAttemptAt ?? 0) <= now));
    let sent = 0;
    for (const report of due) {
      const problem = await post(endpoint, report, sendNotes);
      const attempts = (report.delivery.attempts ?? 0) + 1;
      if (!problem) {
        sent += 1;
        await updateReport(report.id, { status: 'sent', delivery: { attempts, sentAt: new Date().toISOString() } });
      } else {
        const failed = attempts >= MAX_SEND_ATTEMPTS && !force;
        await updateReport(report.id, {
          status: failed ? 'failed' : 'saved',
          delivery: { attempts, lastError: problem, nextAttemptAt: Date.now() + retryDelayMs(attempts) },
        });
      }
    }
    const pending = (await readAll()).reports.filter((r) => r.delivery && r.status === 'saved').length;
    // An alarm survives the worker: the queue is retried even if nothing else wakes FakeLens.
    if (pending > 0) await chrome.alarms.create(SEND_ALARM, { delayInMinutes: 0.5, periodInMinutes: 1 });
    else await chrome.alarms.clear(SEND_ALARM);
    return { sent, pending };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
