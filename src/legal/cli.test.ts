import { Command } from 'commander';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { registerLegalCommands } from './cli.ts';

afterEach(() => vi.restoreAllMocks());

describe('kb:eval', () => {
  test('prints top-1/top-3 per style from the held-out data', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void lines.push(String(s)));
    const program = new Command().exitOverride();
    registerLegalCommands(program);
    await program.parseAsync(['node', 'cli', 'kb:eval']);
    const out = lines.join('\n');
    expect(out).toMatch(/\| style \| questions \| top-1 \| top-3 \|/);
    for (const style of ['accented', 'unaccented', 'teencode']) expect(out).toMatch(new RegExp(`\\| ${style} \\| \\d+ \\| [\\d.]+% \\| [\\d.]+% \\|`));
    expect(out).toMatch(/off-topic questions answered with confidence: 0\//);
  });
});
