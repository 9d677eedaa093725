import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerBenefitCommands } from './cli.ts';

function program(): Command {
  const p = new Command('test').exitOverride();
  registerBenefitCommands(p);
  return p;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('benefits CLI', () => {
  it('benefits:validate passes on the repo content', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await program().parseAsync(['node', 'cli', 'benefits:validate']);
    expect(process.exitCode).toBeUndefined();
    expect(log.mock.calls.flat().join('\n')).toMatch(/\d+ programmes valid in content\/benefits/);
  });

  it('benefits:validate and benefits:load report each error with file and path and fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benefits-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'programmes:\n  - id: Bad Id\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    await program().parseAsync(['node', 'cli', 'benefits:validate', '--dir', dir]);
    expect(process.exitCode).toBe(1);
    const out = err.mock.calls.flat().join('\n');
    expect(out).toMatch(/^bad\.yaml: programmes\[0\]\.id: /m);
    expect(out).toMatch(/^bad\.yaml: programmes\[0\]\.title: /m);
    expect(out).toMatch(/nothing loaded/);

    process.exitCode = undefined;
    err.mockClear();
    // load refuses before it opens any database
    await program().parseAsync(['node', 'cli', 'benefits:load', '--dir', dir]);
    expect(process.exitCode).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toMatch(/bad\.yaml: programmes\[0\]\.id/);
  });
});
