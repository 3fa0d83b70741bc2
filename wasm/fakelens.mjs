// The one JavaScript entry to the FakeLens core, used by every host: the extension's
// service worker, the web demo, the Node tests and the benchmarks.
//
//   import { load } from './fakelens.mjs';
//   const engine = await load();                       // browser: fetches fakelens-core.wasm beside this file
//   const engine = await load({ wasmBinary: bytes });   // Node: pass the .wasm bytes
//   engine.score({ title: 'AAA quality replica bag' }); // -> Verdict object
//
// JSON crosses into WebAssembly as one UTF-8 byte array per call (one per batch for scoreBatch),
// so there are no C++ objects to free. Every engine method returns a value: a verdict,
// or an object {error: {code, message, ...}}. Nothing throws once load() has resolved;
// load() itself rejects with an Error when the WebAssembly cannot be fetched or compiled.
// scripts/build.mjs replaces this import with the glue itself: dist/wasm/fakelens.mjs is
// one module.
import createFakeLensCore from './fakelens-core.mjs';

const ENGINE_FAILURE = 'engine_failure';

// Lone UTF-16 surrogates (a page's broken emoji) are not Unicode and the core refuses
// them; U+FFFD is one code unit too, so spans still index the page's own string.
function wellFormed(key, value) {
  return typeof value === 'string' && value.isWellFormed && !value.isWellFormed()
    ? value.toWellFormed()
    : value;
}

// Text goes into WebAssembly as UTF-8 bytes that TextEncoder made natively (lone
// surrogates become U+FFFD, as in wellFormed above), and answers come out through
// TextDecoder: neither side walks the text a character at a time in JavaScript.
const utf8Encoder = new TextEncoder();
const utf8 = (text) => utf8Encoder.encode(text);
const utf8Decoder = new TextDecoder();

// Calls the core's C function fakelens_<name> (wasm/bindings.cpp): each input (UTF-8 bytes)
// is copied into the module's memory in one step and passed as (address, size), then the
// numbers in `extra`. The core leaves its answer in one buffer and returns its size; the
// answer is decoded where it lies and released. Returns the answer's text. Throws what the
// core threw: a trap (which the core is built never to reach) leaves the instance unusable,
// so nothing more is asked of it, not even to free the input.
function callCore(core, name, inputs = [], extra = []) {
  const addresses = [];
  let trapped = false;
  try {
    const args = [];
    for (const bytes of inputs) {
      const address = core._malloc(Math.max(1, bytes.length));
      if (!address) throw new Error(`no memory for ${bytes.length} bytes of input`);
      addresses.push(address);
      core.HEAPU8.set(bytes, address);
      args.push(address, bytes.length);
    }
    const size = core[`_fakelens_${name}`](...args, ...extra) >>> 0;
    // The memory may have grown during the call: core.HEAPU8 is the view of it now.
    const data = core._fakelens_output_data() >>> 0;
    const text = utf8Decoder.decode(core.HEAPU8.subarray(data, data + size));
    core._fakelens_release_output();
    return text;
  } catch (cause) {
    trapped = cause instanceof WebAssembly.RuntimeError;
    throw cause;
  } finally {
    if (!trapped) for (const address of addresses) core._free(address);
  }
}

// JSON.stringify writes a lone surrogate as the escape \udXXX (lower-case hex), which the
// core would decode and refuse. Such text is rare and a replacer takes V8 off its fast path
// (a tenth of a search page's time), so only text showing that escape is serialised again
// through wellFormed. A false alarm (a literal "\\ud800" in the text) only costs the slow path.
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/;
function toJson(value) {
  const text = JSON.stringify(value);
  return text !== undefined && LONE_SURROGATE_ESCAPE.test(text) ? JSON.stringify(value, wellFormed) : text;
}

function toJsonLine(listing) {
  if (typeof listing === 'string') return listing;
  return toJson(listing) ?? '';
}

function failure(message, line) {
  const error = { code: ENGINE_FAILURE, message };
  if (line !== undefined) error.line = line;
  return { error };
}

class Engine {
  #core;
  #broken = null;       // set when WebAssembly trapped: the instance is unusable
  #lastFailure = null;  // the last call's failure, when it failed

  #builtInRulesFrom;

  constructor(core, builtInRulesFrom) {
    this.#core = core;
    this.#builtInRulesFrom = builtInRulesFrom;
  }

  /** The file the built-in pack was loaded from: default.rules.image or default.rules.json. */
  get builtInRulesFrom() {
    return this.#builtInRulesFrom;
  }

  // Runs `enter` (a call into WebAssembly); an abort (which the core is built never to
  // reach) turns into an error value and marks the engine unusable rather than escaping as
  // an exception. Returns what `enter` returned, or null when the call failed.
  #guarded(enter) {
    if (this.#broken) return null;
    try {
      this.#lastFailure = null;
      return enter();
    } catch (cause) {
      this.#failed(cause);
      return null;
    }
  }

  // The core's fakelens_<name> through callCore: the answer's text, or null.
  #call(name, inputs = [], extra = []) {
    return this.#guarded(() => callCore(this.#core, name, inputs, extra));
  }

  #failed(cause) {
    const message = `the FakeLens core stopped: ${cause?.message ?? cause}`;
    if (cause instanceof WebAssembly.RuntimeError) this.#broken = message;
    this.#lastFailure = message;
  }

  get #failureMessage() {
    return this.#broken ?? this.#lastFailure;
  }

  #parse(text, line) {
    if (text === null) return failure(this.#failureMessage, line);
    return JSON.parse(text);
  }

  /** Scores one listing (object, or its JSON text) and returns the Verdict object. */
  score(listing) {
    let line;
    try {
      line = toJsonLine(listing);
    } catch (cause) {
      return { error: { code: 'invalid_json', message: `the listing cannot be serialised: ${cause.message}` } };
    }
    return this.#parse(this.#call('score', [utf8(line)]));
  }

  /** Scores JSON text and returns the verdict's JSON text, exactly as the native CLI prints it. */
  scoreJson(text) {
    return this.#call('score', [utf8(String(text))]) ?? JSON.stringify(failure(this.#failureMessage));
  }

  /**
   * Scores many listings in one call into WebAssembly. Returns one result per listing, in
   * order; an error result carries `line`, the 1-based position in the array.
   */
  scoreBatch(listings) {
    const lines = [];
    const unserialisable = new Map();
    listings.forEach((listing, index) => {
      try {
        const line = toJsonLine(listing);
        if (line.includes('\n')) throw new Error('JSON text must be on one line');
        lines.push(line);
      } catch (cause) {
        unserialisable.set(index, cause.message);
        lines.push('');
      }
    });
    if (lines.length === 0) return [];
    const output = this.#call('score_lines', [utf8(lines.join('\n'))]);
    if (output === null) return lines.map((_, index) => failure(this.#failureMessage, index + 1));
    return output.split('\n').map((text, index) =>
      unserialisable.has(index)
        ? { error: { code: 'invalid_json', message: `the listing cannot be serialised: ${unserialisable.get(index)}`, line: index + 1 } }
        : JSON.parse(text));
  }

  /** JSON Lines text in, JSON Lines text out, byte for byte what `fakelens score` prints (without the final newline). */
  scoreLines(jsonl) {
    return this.#call('score_lines', [utf8(String(jsonl))]) ?? JSON.stringify(failure(this.#failureMessage, 1));
  }

  /**
   * Replaces the active rule pack (object or JSON text). Returns {rules: summary} or
   * {error: {code: 'invalid_rules', message, problems: [{path, message}]}}; on error the
   * previous pack stays active.
   */
  loadRules(pack) {
    let text;
    try {
      text = typeof pack === 'string' ? pack : toJson(pack);
    } catch (cause) {
      return { error: { code: 'invalid_rules', message: `the rule pack cannot be serialised: ${cause.message}`, problems: [] } };
    }
    return this.#parse(this.#call('load_rules', [utf8(text ?? '')]));
  }

  /** {rules: {id, version, schemaVersion, description, thresholds, counts, kinds}} of the active pack. */
  rules() {
    return this.#parse(this.#call('rules_info'));
  }

  /**
   * The seller credit record the core computes from the shopper's events about a seller:
   * history {asOf, events: [{type: report|seen|seenHigh|official, at, count?}]} in,
   * {record: {reports, seen, seenHigh, official, firstSeen, lastSeen, credit}} or {error} out.
   */
  sellerRecord(history) {
    let text;
    try {
      text = typeof history === 'string' ? history : toJson(history);
    } catch (cause) {
      return { error: { code: 'invalid_json', message: `the history cannot be serialised: ${cause.message}` } };
    }
    return this.#parse(this.#call('seller_record', [utf8(text ?? '')]));
  }

  /**
   * {inUse, total}: bytes the core's allocator holds for live objects, and the size of the
   * WebAssembly memory. A leak shows as inUse growing over repeated calls.
   */
  memory() {
    const inUse = this.#guarded(() => this.#core._fakelens_heap_in_use());
    return { inUse: inUse ?? -1, total: this.#core.HEAPU8?.buffer?.byteLength ?? -1 };
  }

  /**
   * For benchmarks: times matching alone (the title's RE2::Set and the brand index) over the
   * titles of JSON Lines text, `rounds` times. {titles, bytes, hits, seconds} or {error}.
   */
  measureMatching(jsonl, rounds = 1) {
    return this.#parse(this.#call('measure_matching', [utf8(String(jsonl))], [Number(rounds) | 0]));
  }

  /** The core's version string, e.g. "0.1.0". */
  version() {
    return this.#call('version') ?? 'unavailable';
  }
}

const SHIPPED_RULES = 'default.rules.json';
// The same pack as the core holds it once read, written by the build (`fakelens rules
// image`): loading it parses no JSON, which in a browser that has not compiled the module
// before was most of a cold start. The core takes it only when it names the very
// JSON this module was built with; otherwise the JSON is loaded, as before.
const SHIPPED_IMAGE = 'default.rules.image';

/** Lower-case hex SHA-256 of `bytes`, or '' where WebCrypto is missing. */
async function sha256Hex(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return '';
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function fetchBytes(name, locateFile) {
  return fetch(locateFile ? locateFile(name) : new URL(name, import.meta.url))
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then((buffer) => new Uint8Array(buffer));
}

// Loads the image (copied into the module's memory in one step, as every input is). '' when
// the core took it (it then answers nothing); otherwise why not. A trap is thrown.
function useShippedImage(core, image) {
  const answer = callCore(core, 'use_shipped_image', [image]);
  if (answer === '') return '';
  const installed = JSON.parse(answer);
  const [first] = installed.error?.problems ?? [];
  return first ? first.message : (installed.error?.message ?? answer);
}

// A caller's bytes are copied: the core reads them only once the module has compiled, and
// a digest and the core must read the same bytes.
const ownCopy = (bytes) => (ArrayBuffer.isView(bytes)
  ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice()
  : new Uint8Array(bytes).slice());

/**
 * Loads the WebAssembly core and its built-in rule pack. Options (all optional):
 * - wasmBinary: the bytes of fakelens-core.wasm (ArrayBuffer or typed array); Node needs it.
 * - defaultRulesImage: default.rules.image as bytes; Node may pass it. Browsers fetch it.
 * - defaultRules: default.rules.json as text or bytes (a Uint8Array or Buffer). Used when
 *   there is no image, or the core refuses it (an image from another build). Browsers fetch
 *   it only then; a caller that passes it and no image gets the JSON.
 * - locateFile(name): where to fetch fakelens-core.wasm and the pack's files from, for
 *   pages and workers that serve them somewhere other than beside this file.
 * The pack ships beside the module rather than inside it: the module stays small, and the
 * JSON is the same file the options page and the demo show.
 * engine.builtInRulesFrom names the file the pack was loaded from.
 */
export async function load({ wasmBinary, locateFile, defaultRules, defaultRulesImage } = {}) {
  const moduleOptions = {};
  if (wasmBinary) moduleOptions.wasmBinary = wasmBinary;
  if (locateFile) moduleOptions.locateFile = locateFile;
  // Both fetches run while the module compiles.
  const imageBytes = defaultRulesImage !== undefined
    ? Promise.resolve(ownCopy(defaultRulesImage))
    : defaultRules !== undefined ? Promise.resolve(null) : fetchBytes(SHIPPED_IMAGE, locateFile).catch(() => null);
  // The pack goes to the core as UTF-8 bytes (see utf8 above): a 250 KB string would be
  // measured and encoded character by character in JavaScript.
  const jsonBytes = () => (defaultRules !== undefined
    ? Promise.resolve(defaultRules instanceof Uint8Array ? ownCopy(defaultRules) : utf8(String(defaultRules)))
    : fetchBytes(SHIPPED_RULES, locateFile));
  let rulesBytes = defaultRules !== undefined ? jsonBytes() : null;
  // The core loads the very JSON it was built with without re-verifying it, once the bytes'
  // SHA-256 says so. WebCrypto hashes them at native speed while the module compiles;
  // without it (a page served over plain http) the core hashes them itself. The core takes
  // the digest on trust: it only ever comes from here.
  let rulesDigest = rulesBytes?.then(sha256Hex).catch(() => '');
  rulesBytes?.catch(() => {});  // awaited below; never an unhandled rejection meanwhile
  let core;
  try {
    core = await createFakeLensCore(moduleOptions);
  } catch (cause) {
    throw new Error(`FakeLens: the WebAssembly core could not be loaded (${cause?.message ?? cause})`, { cause });
  }
  const image = await imageBytes;
  if (image) {
    let refused;
    try {
      refused = useShippedImage(core, image);
    } catch (cause) {
      refused = `the core stopped reading it (${cause?.message ?? cause})`;
      try {
        core = await createFakeLensCore(moduleOptions);  // a fresh instance for the JSON
      } catch (again) {
        throw new Error(`FakeLens: the WebAssembly core could not be loaded (${again?.message ?? again})`, { cause: again });
      }
    }
    if (!refused) return new Engine(core, SHIPPED_IMAGE);
    // Works on, from the JSON, at twice the cold start: worth a line for whoever deploys it.
    console.warn(`FakeLens: ${SHIPPED_IMAGE} was not used (${refused}); loading ${SHIPPED_RULES} instead.`);
  }

  rulesBytes ??= jsonBytes();
  rulesDigest ??= rulesBytes.then(sha256Hex).catch(() => '');
  let bytes;
  try {
    bytes = await rulesBytes;
  } catch (cause) {
    throw new Error(`FakeLens: the built-in rule pack (${SHIPPED_RULES}) could not be fetched (${cause?.message ?? cause})`, { cause });
  }
  const installed = JSON.parse(callCore(core, 'use_shipped_rules', [bytes, utf8(await rulesDigest)]));
  if (installed.error) {
    const [first] = installed.error.problems ?? [];
    const detail = first ? ` (first: ${first.path} ${first.message})` : '';
    throw new Error(`FakeLens: the built-in rule pack (${SHIPPED_RULES}) is not valid: ${installed.error.message}${detail}`);
  }
  return new Engine(core, SHIPPED_RULES);
}
