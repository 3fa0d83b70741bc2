// Reads a price as a page prints it ("US $1,299.99", "19,99 €", "R$ 49,90", "¥1,200") into
// {amount, currency}. Pure functions on strings; shared by every site adapter.
globalThis.FakeLensPriceText = (() => {
  const SYMBOLS = [
    ['R$', 'BRL'], ['US $', 'USD'], ['US$', 'USD'], ['C $', 'CAD'], ['AU $', 'AUD'], ['EUR', 'EUR'], ['GBP', 'GBP'],
    ['USD', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['₹', 'INR'], ['₽', 'RUB'], ['₺', 'TRY'], ['₩', 'KRW'], ['¥', 'JPY'],
    ['￥', 'CNY'], ['$', 'USD'],
  ];

  // "1.299,99" and "1,299.99" both mean 1299.99; "1,299" and "1.299" mean 1299.
  function parseAmount(digits) {
    const lastDot = digits.lastIndexOf('.');
    const lastComma = digits.lastIndexOf(',');
    const last = Math.max(lastDot, lastComma);
    let decimal = -1;
    if (last >= 0 && digits.length - last - 1 <= 2) decimal = last;
    let text = '';
    for (let i = 0; i < digits.length; i += 1) {
      const c = digits[i];
      if (c >= '0' && c <= '9') text += c;
      else if (i === decimal) text += '.';
    }
    return text === '' ? null : Number(text);
  }

  /** The first price in `text`, or null. `fallbackCurrency` is the site's usual one. */
  function parsePrice(text, fallbackCurrency) {
    if (typeof text !== 'string') return null;
    const trimmed = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const number = /\d[\d.,\s]*\d|\d/.exec(trimmed);
    if (!number) return null;
    const amount = parseAmount(number[0].replace(/\s/g, ''));
    if (amount === null || !Number.isFinite(amount) || amount < 0) return null;
    let currency = null;
    for (const [symbol, code] of SYMBOLS) {
      if (trimmed.includes(symbol)) {
        currency = code;
        break;
      }
    }
    if (currency === 'JPY' && fallbackCurrency === 'CNY') currency = 'CNY';
    if (currency === 'USD' && fallbackCurrency && fallbackCurrency !== 'USD' && !/US ?\$|USD/.test(trimmed)) {
      currency = fallbackCurrency;  // "$" on a site whose dollar is not the US one
    }
    currency = currency ?? fallbackCurrency;
    if (!currency) return null;
    return { amount, currency };
  }

  return Object.freeze({ parsePrice, parseAmount });
})();
