// Runs the native CLI and captures what it prints.
import { spawnSync } from 'node:child_process';
import { cliPath, root } from './paths.mjs';

export function runCli(args, { input } = {}) {
  const result = spawnSync(cliPath, args, {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
