// Where the tests find what the build made and what lives beside the repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(root, 'build/native/cli/fakelens');
export const distWasm = path.join(root, 'dist/wasm');
export const distWeb = path.join(root, 'dist/web');
export const testData = path.join(root, 'tests/data');
export const defaultPackPath = path.join(root, 'rules/default.rules.json');

// The JSON contract (schemas and CONTRACT.md) lives in the repository.
export const contractDir = path.join(root, 'docs/contract');

// ../shared sits beside every developer checkout and CI run, not beside a user's clone.
export const sharedDir = path.resolve(root, '../shared');
export const corpusDir = path.join(sharedDir, 'corpus');
export const hasCorpus = fs.existsSync(corpusDir);

/** A folder for test artefacts (screenshots, logs), kept out of git. */
export function artifactDir(name) {
  const dir = path.join(root, 'test-artifacts', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
