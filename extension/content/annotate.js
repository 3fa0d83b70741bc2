// Draws a verdict onto the page: data-fakelens-level on the listing's element, a badge
// with an evidence panel inside a closed Shadow DOM (page CSS cannot reach it and it
// cannot reach the page), and <mark> highlights of the matched words in the title.
// Page text is only ever set with textContent.
//
// The page reads what is outside the shadow root, and measures the badge's box: the level
// (which the shopper's own seller records can raise), the badge's presence and the title's
// highlights. The score, the evidence and the report row stay inside, and the badge's text
// is the level's alone, so its width says nothing more. Typing the reason and note happens
// in FakeLens's own window (actions.details), where the page cannot listen.
globalThis.FakeLensAnnotate = (() => {
  const LABELS = { low: 'FakeLens: nothing found', medium: 'FakeLens: caution', high: 'FakeLens: likely fake or exaggerated' };
  const SHORT = { low: 'No concerns', medium: 'Caution', high: 'Likely fake' };
  const STYLE = `
    :host { all: initial; display: inline-block; margin: 2px 4px; vertical-align: middle; font: 12px/1.3 system-ui, sans-serif; }
    button { all: initial; cursor: pointer; font: 600 12px/1.3 system-ui, sans-serif; padding: 2px 8px; border-radius: 10px; }
    button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
    .low { background: #eef4ee; color: #2f5130; border: 1px solid #9dbb9e; font-weight: 400; }
    .medium { background: #fff4d6; color: #7a4b00; border: 1px solid #e0b040; }
    .high { background: #fde2e1; color: #8a1c12; border: 1px solid #d9534f; }
    .panel { position: absolute; z-index: 2147483647; max-width: 26rem; margin-top: 4px; padding: 8px 10px; background: #fff; color: #1d1d1f;
             border: 1px solid #999; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.2); font: 13px/1.4 system-ui, sans-serif; }
    .panel p { margin: 0 0 6px; font-weight: 600; }
    .panel ul { margin: 0; padding-left: 1.1rem; }
    .panel li { margin: 2px 0; }
    .report { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .report button, .report select, .report input { font: 13px system-ui, sans-serif; padding: 2px 6px; border: 1px solid #888; border-radius: 4px; background: #f6f6f6; color: #1d1d1f; }
    .report input { flex: 1 1 10rem; background: #fff; }
    .report p { margin: 0; font-weight: 400; flex-basis: 100%; }`;

  const HOST_STYLE = [['display', 'inline-block'], ['visibility', 'visible'], ['opacity', '1'], ['position', 'static'],
    ['transform', 'none'], ['filter', 'none'], ['clip-path', 'none'], ['width', 'auto'], ['height', 'auto'], ['max-width', 'none'],
    ['overflow', 'visible'], ['pointer-events', 'auto'], ['font-size', '12px'], ['float', 'none'], ['margin', '2px 4px']];
  const REASONS = [['counterfeit', 'Counterfeit'], ['exaggerated', 'Exaggerated claims'], ['fake-discount', 'Fake discount'], ['other', 'Other']];
  const UNDO_SECONDS = 8;

  // The report row: one click saves; then an undo for a few seconds, and an optional reason
  // and note. `actions` keeps the report (content.js asks the background; the demo marketplace
  // keeps it in its page); without it there is no row. With actions.details (the extension),
  // the reason and note are added in FakeLens's own window: every key typed into a field in
  // the page reaches the page's listeners (keyboard events cross the shadow boundary, and
  // window capture listeners run first). Without it (the demo, its own page), they are here.
  function createReportRow(document, actions) {
    const row = document.createElement('div');
    row.className = 'report';
    // Every button of the row sits inside the listing's link: a click neither follows it
    // nor reaches the page's own handlers.
    const rowButton = (className, label, onClick) => {
      const button = document.createElement('button');
      button.type = 'button';
      if (className) button.className = className;
      button.textContent = label;
      button.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation();
        onClick();
      });
      return button;
    };
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    let reportId = null;

    const details = () => {
      const reason = document.createElement('select');
      reason.setAttribute('aria-label', 'Why');
      const none = document.createElement('option');
      none.value = '';
      none.textContent = 'Why? (optional)';
      reason.append(none, ...REASONS.map(([value, label]) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = label;
        return option;
      }));
      const note = document.createElement('input');
      note.type = 'text';
      note.maxLength = 2000;
      note.placeholder = 'Note (optional)';
      note.setAttribute('aria-label', 'Note');
      const save = rowButton('', 'Save', async () => {
        const change = { note: note.value };
        if (reason.value) change.reason = reason.value;
        const reply = await actions.update(reportId, change);
        status.textContent = reply?.error ? `Not saved: ${reply.error.message}` : 'Saved with your report.';
      });
      return [reason, note, save];
    };

    const detailsButton = () => rowButton('details', 'Add a reason or note…', async () => {
      const reply = await actions.details(reportId);
      status.textContent = reply?.error ? `Could not open: ${reply.error.message}` : 'Add them in the FakeLens window.';
    });

    const reportButton = rowButton('report-button', 'Report this listing', async () => {
      reportButton.disabled = true;
      status.textContent = 'Saving…';
      const reply = await actions.report();
      if (reply?.error) {
        status.textContent = `Not saved: ${reply.error.message}`;
        reportButton.disabled = false;
        return;
      }
      reportId = reply.data.report.id;
      status.textContent = 'Reported. It is in your FakeLens reports.';
      const undo = rowButton('undo', 'Undo', async () => {
        const undone = await actions.undo(reportId);
        if (undone?.error) {
          status.textContent = `Could not undo: ${undone.error.message}`;
          return;
        }
        // Back to the row as it was before the report: only the report button stays.
        row.querySelectorAll('select, input, button').forEach((element) => element !== reportButton && element.remove());
        status.textContent = 'Report removed.';
        reportButton.disabled = false;
      });
      row.append(undo, ...(actions.details ? [detailsButton()] : details()));
      setTimeout(() => undo.remove(), UNDO_SECONDS * 1000);
    });
    row.append(reportButton, status);
    return row;
  }

  // A constructed style sheet is not subject to the page's Content-Security-Policy (a
  // <style> element is, on pages with a strict style-src); one sheet serves every badge.
  let sharedSheet = null;
  function adoptStyle(document, shadow) {
    try {
      sharedSheet ??= new document.defaultView.CSSStyleSheet();
      if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(STYLE);
      shadow.adoptedStyleSheets = [sharedSheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = STYLE;
      shadow.append(style);
    }
  }

  function createBadge(document, verdict, actions) {
    const host = document.createElement('fakelens-badge');
    host.dataset.fakelensBadge = verdict.level;
    // Inline !important beats any page stylesheet rule: a page cannot hide or restyle the
    // host element itself (its insides are out of the page's reach in the shadow root).
    for (const [property, value] of HOST_STYLE) host.style.setProperty(property, value, 'important');
    const shadow = host.attachShadow({ mode: 'closed' });
    // A badge usually sits inside the listing's link: no click in it may follow the link
    // or reach the page's own handlers.
    for (const type of ['click', 'auxclick']) {
      host.addEventListener(type, (event) => {
        event.preventDefault();
        event.stopPropagation();
      });
    }
    // A click on a button does not move focus into the badge: focus events cross the shadow
    // boundary, and the page has no business knowing where the shopper's focus is in it.
    // (The keyboard still reaches the buttons; the page then sees which keys, nothing typed.)
    shadow.addEventListener('mousedown', (event) => {
      if (event.target instanceof Element && event.target.closest('button')) event.preventDefault();
    });
    const button = document.createElement('button');
    button.className = verdict.level;
    button.type = 'button';
    // The level only: the score's digits would change the badge's width, which the page can
    // measure, and the score can carry the shopper's seller records.
    button.textContent = SHORT[verdict.level];
    button.setAttribute('aria-label', `${LABELS[verdict.level]}. Show why.`);
    button.setAttribute('aria-expanded', 'false');
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.hidden = true;
    panel.setAttribute('role', 'note');
    const heading = document.createElement('p');
    heading.textContent = `${LABELS[verdict.level]} (risk ${verdict.score} out of 100)`;
    const list = document.createElement('ul');
    if (verdict.evidence.length === 0) {
      const item = document.createElement('li');
      item.textContent = 'No signs of a counterfeit, an exaggerated claim or an invented price in what this listing shows.';
      list.append(item);
    }
    for (const evidence of verdict.evidence.slice(0, 12)) {
      const item = document.createElement('li');
      item.textContent = evidence.message;
      list.append(item);
    }
    panel.append(heading, list);
    if (actions) panel.append(createReportRow(document, actions));
    // The panel closes on Escape and on a click anywhere outside the badge.
    const closeOnOutsideClick = (event) => {
      if (!event.composedPath().includes(host)) setOpen(false);
    };
    const closeOnEscape = (event) => {
      if (event.key !== 'Escape') return;
      const focusWasInside = event.composedPath().includes(host);
      setOpen(false);
      if (focusWasInside) button.focus();
    };
    const setOpen = (open) => {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      const method = open ? 'addEventListener' : 'removeEventListener';
      document[method]('click', closeOnOutsideClick, true);
      document[method]('keydown', closeOnEscape, true);
    };
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();  // a badge inside a link must not follow it
      setOpen(panel.hidden);
    });

    adoptStyle(document, shadow);
    shadow.append(button, panel);
    return host;
  }

  // Wraps each title span in <mark>, when the span lies inside one text node of the title
  // element as the page shows it (whitespace folded as the extractor folded it).
  function highlight(document, titleElement, evidence) {
    const walker = document.createTreeWalker(titleElement, NodeFilter.SHOW_TEXT);
    const pieces = [];
    let normalized = '';
    let lastWasSpace = true;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const map = [];
      const value = node.nodeValue ?? '';
      for (let i = 0; i < value.length; i += 1) {
        const isSpace = /\s/.test(value[i]);
        if (isSpace && lastWasSpace) continue;
        map.push([normalized.length, i]);
        normalized += isSpace ? ' ' : value[i];
        lastWasSpace = isSpace;
      }
      pieces.push({ node, map });
    }
    const spans = evidence.filter((e) => e.field === 'title' && e.span).map((e) => e.span)
      .sort((a, b) => b.start - a.start);  // right to left, so splitting keeps earlier offsets valid
    let previousStart = Infinity;
    for (const span of spans) {
      if (span.end > previousStart) continue;  // overlapping hits: keep one
      for (const piece of pieces) {
        const first = piece.map.find(([n]) => n === span.start);
        const last = piece.map.find(([n]) => n === span.end - 1);
        if (!first || !last) continue;
        const middle = piece.node.splitText(first[1]);
        middle.splitText(last[1] - first[1] + 1);
        const mark = document.createElement('mark');
        mark.dataset.fakelensHighlight = '';
        mark.style.setProperty('background-color', '#ffe08a', 'important');
        mark.style.setProperty('color', 'inherit', 'important');
        middle.replaceWith(mark);
        mark.append(middle);
        previousStart = span.start;
        break;
      }
    }
  }

  /**
   * Marks a scored listing; draws a badge and highlights for medium and high ('standard'),
   * for high only ('calm'), or for every listing ('all'). Returns the badge drawn, or null.
   */
  function annotate(document, found, verdict, sensitivity = 'standard', actions = null) {
    const level = verdict.error ? 'error' : verdict.level;
    found.element.setAttribute('data-fakelens-level', level);
    if (verdict.error) return null;
    if (verdict.level === 'low' && sensitivity !== 'all') return null;
    if (sensitivity === 'calm' && verdict.level !== 'high') return null;
    highlight(document, found.titleElement, verdict.evidence);
    const badge = createBadge(document, verdict, actions);
    found.titleElement.after(badge);
    return badge;
  }

  return Object.freeze({ annotate, createBadge });
})();
