// Reads a price as a page prints it ("US $1,299.99", "19,99 €", "R$ 49,90", "¥1,200") into
// {amount, currency}. Pure functions on strings; shared by every site adapter.
globalThis.FakeLensPriceText = (() => {
  const SYMBOLS = [
    ['R$', 'BRL'], ['US $', 'USD'], ['US$', 'USD'], ['C $', 'CAD'], ['AU $', 'AUD'], ['EUR', 'EUR'], ['GBP', 'GBP'],
    ['USD', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['₹', 'INR'], ['₽', 'RUB'], ['₺', 'TRY'], ['₩', 'KRW'], ['¥', 'JPY'],
    ['￥', 'CNY'], ['$', 'USD'],
  ];

  const MAX_DIGITS = 15;  // more is no price a listing shows (and beyond a double's exact digits)

  // The amount text of a price: digits, '.', ',' and spaces. The last '.' or ',' with one or
  // two digits after it is the decimal separator, any other groups thousands: "1.299,99" and
  // "1,299.99" both mean 1299.99; "1,299" and "1.299" mean 1299. Anything else is null. The
  // core reads the same way: both pass tests/data/price-amount-cases.json.
  function parseAmount(text) {
    if (typeof text !== 'string' || !/^[\d.,\s]*$/.test(text)) return null;
    const compact = text.replace(/\s/g, '');
    const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
    const digitsAfter = compact.length - last - 1;
    const decimal = last >= 0 && digitsAfter >= 1 && digitsAfter <= 2 ? last : -1;
    const whole = compact.slice(0, decimal >= 0 ? decimal : compact.length).replace(/[.,]/g, '');
    const fraction = decimal >= 0 ? compact.slice(decimal + 1) : '';
    if (whole.length + fraction.length === 0 || whole.length + fraction.length > MAX_DIGITS) return null;
    return Number(`${whole || '0'}.${fraction || '0'}`);
  }

  /** The first price in `text`, or null. `fallbackCurrency` is the site's usual one. */
  function parsePrice(text, fallbackCurrency) {
    if (typeof text !== 'string') return null;
    const trimmed = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const number = /\d[\d.,\s]*\d|\d/.exec(trimmed);
    if (!number) return null;
    const amount = parseAmount(number[0]);
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
