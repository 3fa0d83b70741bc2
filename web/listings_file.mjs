// Turns a dropped file into JSON Lines of listings: JSON Lines pass through line by line;
// CSV (RFC 4180: quoted fields, "" escapes, line breaks inside quotes) becomes one Listing
// per row from its header. Pure functions, shared by the batch worker and node --test.

/** "jsonl" or "csv", from the name, else from the first character. */
export function detectFormat(name, text) {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(name)) return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** The lines of a JSON Lines text; one final line break does not make an empty line. */
export function jsonLines(text) {
  const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  return body === '' ? [] : body.split(/\r?\n/);
}

/** Rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const COLUMN_ALIASES = {
  id: 'id', title: 'title', name: 'title', description: 'description', brand: 'brand', condition: 'condition',
  price: 'price', listprice: 'listPrice', list_price: 'listPrice', was: 'listPrice', currency: 'currency',
  seller: 'seller', seller_name: 'seller', sellername: 'seller', url: 'url', marketplace: 'marketplace',
};

// A number as people write it in spreadsheets ("1,299.00", "19.99"), or the text itself so
// that the core reports it as the wrong type.
function amountOf(text) {
  const cleaned = text.replace(/[\s$€£¥,]/g, '');
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}

/** CSV text -> JSON Lines (one Listing per data row); {lines, columns, error?}. */
export function csvToJsonLines(text) {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return { lines: [], columns: [] };
  const columns = rows[0].map((name) => COLUMN_ALIASES[name.trim().toLowerCase()] ?? null);
  if (!columns.includes('title')) return { lines: [], columns, error: 'the CSV header needs a "title" column' };
  const lines = rows.slice(1).filter((row) => !(row.length === 1 && row[0] === '')).map((row) => {
    const listing = {};
    columns.forEach((column, index) => {
      const value = row[index];
      if (!column || value === undefined || value === '') return;
      if (column === 'price' || column === 'listPrice') listing[column] = { amount: amountOf(value), currency: '' };
      else if (column === 'seller') listing.seller = { name: value };
      else listing[column] = value;
    });
    const currency = (listing.currency ?? 'USD').trim().toUpperCase();
    delete listing.currency;
    if (listing.price) listing.price.currency = currency;
    if (listing.listPrice) listing.listPrice.currency = currency;
    return JSON.stringify(listing);
  });
  return { lines, columns };
}
