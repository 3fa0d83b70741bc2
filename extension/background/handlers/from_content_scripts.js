// Handlers of the messages content scripts send (FakeLensMessages.GROUPS.fromContentScripts).
// The dispatcher has checked that the sender is a content script in a tab.
import '../../shared/messages.js';
import { scoreWithSellerHistory } from '../../shared/scoring.js';
import { adapterForHost, engine } from '../engine.js';
import { readSettings } from '../settings.js';
import { recordSeen, sellersFor } from '../store.js';
import { recordTab } from '../tabs.js';
import { error, validListing } from '../replies.js';

const M = globalThis.FakeLensMessages;

export const fromContentScripts = {
  async [M.GET_SITE_ADAPTER](message) {
    if (typeof message.host !== 'string' || message.host.length > 255) return error('bad_message', 'host must be a host name');
    const adapter = await adapterForHost(message.host);
    const settings = await readSettings();
    return { data: { adapter, enabled: !adapter || !settings.disabledSites.includes(adapter.id), sensitivity: settings.sensitivity } };
  },

  async [M.SCORE_LISTINGS](message, sender) {
    const { listings } = message;
    if (!Array.isArray(listings) || listings.length > M.MAX_LISTINGS_PER_MESSAGE) {
      return error('bad_message', `listings must be an array of at most ${M.MAX_LISTINGS_PER_MESSAGE}`);
    }
    if (!listings.every(validListing)) return error('bad_message', 'every listing needs a title and bounded text');
    let scorer;
    try {
      scorer = await engine();
    } catch (cause) {
      return error('engine_unavailable', `the scoring engine could not load: ${cause?.message ?? cause}`);
    }
    const verdicts = await scoreWithSellerHistory(scorer, listings, {
      sellers: { recordsFor: sellersFor, recordSeen },
      fallbackMarketplace: sender.url ? new URL(sender.url).hostname : undefined,
    });
    await recordTab(sender.tab.id, listings, verdicts, sender.documentId ?? sender.url ?? '').catch(() => {});
    return { data: { verdicts } };
  },
};
