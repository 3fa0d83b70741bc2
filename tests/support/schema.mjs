// Validates against the contract's JSON Schemas (docs/contract/*.schema.json, draft 2020-12)
// with Ajv. The repository's copy is the truth: every test that checks shapes reads it.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { contractDir } from './paths.mjs';

export const schemaNames = Object.freeze(['listing', 'verdict', 'report', 'labelled-listing']);

let ajv = null;
function contractAjv() {
  if (ajv) return ajv;
  // Strict, so a typo in a schema fails here; `required` may name properties that a
  // sibling `properties` defines (the verdict's oneOf does).
  ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  for (const name of schemaNames) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(contractDir, `${name}.schema.json`), 'utf8')));
  }
  return ajv;
}

/** (value) -> null when `value` is valid, else Ajv's description of every problem. */
export function contractValidator(name) {
  if (!schemaNames.includes(name)) throw new Error(`no contract schema named ${name}`);
  const validate = contractAjv().getSchema(`fakelens/${name}/v1`);
  return (value) => (validate(value) ? null : contractAjv().errorsText(validate.errors));
}

export const verdictValidator = () => contractValidator('verdict');
