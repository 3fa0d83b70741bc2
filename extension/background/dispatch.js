// Turns the message contract (shared/messages.js) into the worker's one onMessage handler:
// who may send a group's messages, and which handler answers each type, both follow from the
// group the contract puts the type in. Nothing else decides whether a message is trusted.
import '../shared/messages.js';
import { error, errorFrom, fromExtensionPage, isPlainObject } from './replies.js';

const M = globalThis.FakeLensMessages;

// Who may send each inbound group, and what a refused sender is told.
export const SENDERS = Object.freeze({
  fromContentScripts: {
    allows: (sender) => Boolean(sender.tab) && !fromExtensionPage(sender),
    refusal: 'this message comes only from FakeLens in a marketplace page',
  },
  fromExtensionPages: {
    allows: fromExtensionPage,
    refusal: 'settings and reports are changed only from FakeLens pages',
  },
  fromEither: {
    allows: (sender) => fromExtensionPage(sender) || Boolean(sender.tab),
    refusal: 'reports come from pages or FakeLens pages',
  },
});

/**
 * `handlers` maps each inbound group to {type: async (message, sender) => reply}. Every type
 * of the group needs its handler and every handler its type: a mismatch throws at start.
 */
export function createDispatcher(handlers) {
  for (const group of Object.keys(SENDERS)) {
    const declared = Object.values(M.GROUPS[group]).sort();
    const handled = Object.keys(handlers[group] ?? {}).sort();
    if (JSON.stringify(declared) !== JSON.stringify(handled)) {
      throw new Error(`messages ${group}: the contract declares [${declared}] but the handlers answer [${handled}]`);
    }
  }
  return async function dispatch(message, sender) {
    if (sender?.id !== chrome.runtime.id) return error('forbidden', 'messages are accepted only from FakeLens itself');
    if (!isPlainObject(message) || typeof message.type !== 'string') return error('bad_message', 'a message is an object with a type');
    const group = M.groupOf(message.type);
    if (!Object.hasOwn(SENDERS, group ?? '')) return error('unknown_type', `unknown message type ${message.type.slice(0, 80)}`);
    if (!SENDERS[group].allows(sender)) return error('forbidden', SENDERS[group].refusal);
    try {
      return await handlers[group][message.type](message, sender);
    } catch (cause) {
      return errorFrom(cause);
    }
  };
}
