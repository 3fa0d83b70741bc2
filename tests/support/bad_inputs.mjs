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
