// The catalogue of bad listings and the stable error code each must produce, natively and
// in WebAssembly alike. Each `text` is one JSON Lines line (no newline inside).
const big = (bytes) => 'x'.repeat(bytes);

export const badInputs = [
  { name: 'not JSON', text: 'this is not json', code: 'invalid_json' },
  { name: 'truncated JSON', text: '{"title":"Replica bag"', code: 'invalid_json' },
  { name: 'trailing garbage', text: '{"title":"a"} trailing', code: 'invalid_json' },
  { name: 'empty line', text: '', code: 'invalid_json' },
  { name: 'whitespace only', text: '   \t ', code: 'invalid_json' },
  { name: 'NaN literal', text: '{"title":"a","price":{"amount":NaN,"currency":"USD"}}', code: 'invalid_json' },
  { name: 'Infinity literal', text: '{"title":"a","price":{"amount":Infinity,"currency":"USD"}}', code: 'invalid_json' },
  { name: '-Infinity literal', text: '{"title":"a","listPrice":{"amount":-Infinity,"currency":"USD"}}', code: 'invalid_json' },
  { name: 'seller history event type unknown', text: '{"title":"a","seller":{"history":{"asOf":"2026-11-28","events":[{"type":"like","at":"2026-11-28"}]}}}', code: 'bad_value' },
  { name: 'number beyond double range', text: '{"title":"a","price":{"amount":1e999,"currency":"USD"}}', code: 'invalid_json' },
  { name: 'lone surrogate escape', text: '{"title":"bad \\ud800 title"}', code: 'invalid_json' },
  { name: 'array instead of object', text: '[{"title":"a"}]', code: 'not_object' },
  { name: 'bare string', text: '"a title"', code: 'not_object' },
  { name: 'missing title', text: '{"description":"no title here"}', code: 'missing_title' },
  { name: 'null title', text: '{"title":null}', code: 'missing_title' },
  { name: 'empty title', text: '{"title":""}', code: 'empty_title' },
  { name: 'blank title', text: '{"title":"   "}', code: 'empty_title' },
  { name: 'title is a number', text: '{"title":42}', code: 'wrong_type' },
  { name: 'title is an array', text: '{"title":["a"]}', code: 'wrong_type' },
  { name: 'description is a number', text: '{"title":"a","description":5}', code: 'wrong_type' },
  { name: 'price is a string', text: '{"title":"a","price":"9.99"}', code: 'wrong_type' },
  { name: 'seller is a string', text: '{"title":"a","seller":"shop"}', code: 'wrong_type' },
  { name: 'rating is a string', text: '{"title":"a","seller":{"rating":"99%"}}', code: 'wrong_type' },
  { name: 'official is a string', text: '{"title":"a","seller":{"official":"yes"}}', code: 'wrong_type' },
  { name: 'negative amount', text: '{"title":"a","price":{"amount":-5,"currency":"USD"}}', code: 'bad_amount' },
  { name: 'amount as a string', text: '{"title":"a","price":{"amount":"5","currency":"USD"}}', code: 'bad_amount' },
  { name: 'amount missing', text: '{"title":"a","listPrice":{"currency":"USD"}}', code: 'bad_amount' },
  { name: 'currency missing', text: '{"title":"a","price":{"amount":5}}', code: 'bad_currency' },
  { name: 'lower-case currency', text: '{"title":"a","price":{"amount":5,"currency":"usd"}}', code: 'bad_currency' },
  { name: 'not a currency code', text: '{"title":"a","price":{"amount":5,"currency":"DOLLARS"}}', code: 'bad_currency' },
  { name: 'rating above 100', text: '{"title":"a","seller":{"rating":150}}', code: 'bad_value' },
  { name: 'fractional ratingCount', text: '{"title":"a","seller":{"ratingCount":1.5}}', code: 'bad_value' },
  { name: 'negative ageDays', text: '{"title":"a","seller":{"ageDays":-1}}', code: 'bad_value' },
  { name: 'review average above 5', text: '{"title":"a","reviews":{"average":7}}', code: 'bad_value' },
  { name: 'negative review count', text: '{"title":"a","reviews":{"count":-3}}', code: 'bad_value' },
  { name: 'condition not in the enum', text: '{"title":"a","condition":"brand-new"}', code: 'bad_value' },
  { name: 'page not in the enum', text: '{"title":"a","page":"home"}', code: 'bad_value' },
  { name: 'duplicate key', text: '{"title":"a","title":"b"}', code: 'duplicate_key' },
  { name: '10,000-deep nesting', text: `{"title":"a","junk":${'['.repeat(10000)}${']'.repeat(10000)}}`, code: 'too_deep' },
  { name: '2 MB title', text: `{"title":"${big(2 << 20)}"}`, code: 'too_large' },
  { name: '10 MB description', text: `{"title":"a","description":"${big(10 << 20)}"}`, code: 'too_large' },
  { name: '10 KB brand', text: `{"title":"a","brand":"${big(10 << 10)}"}`, code: 'too_large' },
];

// Raw bytes that are not UTF-8 cannot live in a JS string; they are built as a Buffer.
export const invalidUtf8Line = Buffer.concat([
  Buffer.from('{"title":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes"}'),
]);

// Strange but valid: scored (not refused), the same natively and in WebAssembly. Absurd
// prices are numbers like any other; a well-formed currency without a rate in the pack is
// kept but not converted, so price signals do not compare it (docs/SIGNALS.md).
export const strangeButValid = [
  { name: 'absurdly high price', text: '{"title":"Rolex Submariner watch","price":{"amount":1e300,"currency":"USD"}}', level: 'low' },
  { name: 'largest double as list price', text: '{"title":"Speaker","price":{"amount":1,"currency":"USD"},"listPrice":{"amount":1.7976931348623157e308,"currency":"USD"}}', level: 'medium' },
  // A zero price reads as "not stated" (a placeholder), so floors do not compare it.
  { name: 'zero price', text: '{"title":"iPhone 15 Pro 256GB","price":{"amount":0,"currency":"USD"}}', level: 'low' },
  { name: 'negative zero', text: '{"title":"Mug","price":{"amount":-0.0,"currency":"USD"}}', level: 'low' },
  { name: 'currency with no rate in the pack', text: '{"title":"Rolex Submariner watch","price":{"amount":5,"currency":"ZZZ"}}', level: 'low' },
  { name: 'smallest subnormal amount', text: '{"title":"Mug","price":{"amount":5e-324,"currency":"EUR"}}', level: 'low' },
];

// Rule packs that must be refused with their problems listed (native `rules check` and
// WebAssembly `loadRules` alike); the previous pack stays active.
export function badPacks(defaultPackText) {
  const pack = JSON.parse(defaultPackText);
  const small = { schemaVersion: 1, id: 'bad', version: '1', description: 'd', thresholds: { medium: 35, high: 70 } };
  const rule = pack.textRules[0];
  return [
    { name: 'not JSON', text: '{"schemaVersion":1,', path: '$' },
    { name: 'not an object', text: '[1,2,3]', path: '$' },
    { name: 'wrong schemaVersion', text: JSON.stringify({ ...pack, schemaVersion: 2 }), path: '$.schemaVersion' },
    { name: 'invalid regex', text: JSON.stringify({ ...small, textRules: [{ ...rule, pattern: '(unclosed' }] }), path: '$.textRules[0].pattern' },
    { name: 'backreference (not RE2)', text: JSON.stringify({ ...small, textRules: [{ ...rule, pattern: '(a)\\1' }] }), path: '$.textRules[0].pattern' },
    { name: 'thresholds inverted', text: JSON.stringify({ ...pack, thresholds: { medium: 90, high: 10 } }), path: '$.thresholds' },
    { name: 'duplicate key', text: '{"schemaVersion":1,"schemaVersion":1}', path: '$' },
    { name: 'too deep', text: `{"schemaVersion":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, path: '$' },
    { name: 'over 16 MiB', text: JSON.stringify({ ...small, description: 'x'.repeat(17 << 20) }), path: '$' },
    { name: 'over 10,000 rules', text: JSON.stringify({ ...small, textRules: Array.from({ length: 10001 }, (_, i) => ({ ...rule, id: `r.x${i}` })) }), path: '$' },
    { name: 'a failing example', text: JSON.stringify({ ...small, textRules: [{ ...rule, examples: { match: ['plain mug'], noMatch: [] } }] }), path: '$.textRules[0]' },
    { name: 'no rules at all', text: JSON.stringify(small), path: '$' },
  ];
}
