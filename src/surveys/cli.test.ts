/** `survey:validate` names the broken file and path; valid content passes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSurveyCommands, SURVEY_DIR } from './cli.ts';

const program = () => {
  const p = new Command('t').exitOverride();
  registerSurveyCommands(p);
  return p;
};

afterEach(() => vi.restoreAllMocks());

describe('survey CLI', () => {
  it('survey:validate accepts the content folder', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await program().parseAsync(['survey:validate'], { from: 'user' });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\d+ survey\(s\) valid$/));
  });

  it('survey:validate fails on a broken file and prints file and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'surveys-'));
    const good = readFileSync(join(SURVEY_DIR, 'lam-them-gio-2026.yaml'), 'utf8');
    writeFileSync(join(dir, 'lam-them-gio-2026.yaml'), good.replace('anonymous: true', 'anonymous: maybe'));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(program().parseAsync(['survey:validate', '--dir', dir], { from: 'user' })).rejects.toThrow(/1 problem/);
    expect(err).toHaveBeenCalledWith(expect.stringContaining(`${join(dir, 'lam-them-gio-2026.yaml')}: anonymous: `));
  });
});
