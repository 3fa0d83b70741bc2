// Validates verdicts against shared/contract/verdict.schema.json with Ajv (draft 2020-12).
// Returns null when the contract is not beside the checkout (a user's fresh clone).
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { contractDir, hasContract } from './paths.mjs';

export function verdictValidator() {
  if (!hasContract) return null;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schema = JSON.parse(fs.readFileSync(path.join(contractDir, 'verdict.schema.json'), 'utf8'));
  const validate = ajv.compile(schema);
  return (verdict) => (validate(verdict) ? null : ajv.errorsText(validate.errors));
}
