// Handlers of the report messages, which both content scripts (the badge's report row) and
// the reports page send (FakeLensMessages.GROUPS.fromEither). One click stores the listing
// and the verdict as shown. A content script may undo (delete) its own report for a minute
// and add a reason or note for ten; FakeLens's pages may at any time.
import '../../shared/messages.js';
import { sellerKeyOf } from '../../shared/records.js';
import { flushQueue } from '../sender.js';
import { readSettings } from '../settings.js';
import { deleteReport, saveReport, updateReport } from '../store.js';
import { UUID, error, fromExtensionPage, isPlainObject, validListing } from '../replies.js';

const M = globalThis.FakeLensMessages;
const MAX_VERDICT_JSON = 200000;
const MAX_NOTE = 2000;
const UNDO_WITHIN_MS = 60 * 1000;
const DETAILS_WITHIN_MS = 10 * 60 * 1000;

async function madeWithin(id, withinMs) {
  const stored = (await chrome.storage.local.get(`report:${id}`))[`report:${id}`];
  return Boolean(stored) && Date.now() - Date.parse(stored.createdAt) <= withinMs;
}

const badId = (message) => typeof message.id !== 'string' || !UUID.test(message.id);

export const fromEither = {
  async [M.REPORT_LISTING](message, sender) {
    const input = message.report;
    if (!isPlainObject(input) || typeof input.id !== 'string' || !UUID.test(input.id)) return error('bad_message', 'report.id must be a UUID');
    if (!validListing(input.listing)) return error('bad_message', 'report.listing must be a listing with a title and bounded text');
    if (!isPlainObject(input.verdict) || JSON.stringify(input.verdict).length > MAX_VERDICT_JSON) return error('bad_message', 'report.verdict must be the verdict shown');
    const listing = { ...input.listing };
    if (!listing.marketplace && sender.url) listing.marketplace = new URL(sender.url).hostname;
    const { endpoint } = await readSettings();
    const report = { id: input.id, createdAt: new Date().toISOString(), listing, verdict: input.verdict, status: 'saved' };
    if (endpoint) report.delivery = { attempts: 0, nextAttemptAt: 0 };
    const result = await saveReport(report, sellerKeyOf(listing));
    if (endpoint && !result.duplicate) flushQueue(endpoint).catch(() => {});
    return { data: { report: result.report } };
  },

  async [M.UPDATE_REPORT](message, sender) {
    if (badId(message)) return error('bad_message', 'id must be a UUID');
    const change = {};
    if (message.reason !== undefined) {
      if (!M.REASONS.includes(message.reason)) return error('bad_message', `reason must be one of ${M.REASONS.join(', ')}`);
      change.reason = message.reason;
    }
    if (message.note !== undefined) {
      if (typeof message.note !== 'string' || message.note.length > MAX_NOTE) return error('bad_message', `note must be text of at most ${MAX_NOTE} characters`);
      change.note = message.note;
    }
    if (!fromExtensionPage(sender) && !(await madeWithin(message.id, DETAILS_WITHIN_MS))) {
      return error('forbidden', 'a page may add details only to a report it just made');
    }
    return { data: { report: await updateReport(message.id, change) } };
  },

  async [M.DELETE_REPORT](message, sender) {
    if (badId(message)) return error('bad_message', 'id must be a UUID');
    if (!fromExtensionPage(sender) && !(await madeWithin(message.id, UNDO_WITHIN_MS))) {
      return error('forbidden', 'a page may only undo a report it just made');
    }
    return { data: { deleted: await deleteReport(message.id, (listing) => sellerKeyOf(listing)) } };
  },
};
