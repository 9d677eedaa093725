import { Command } from 'commander';
import { expect, test, vi } from 'vitest';
import { registerQuizCommands } from './cli.ts';

test('quiz:validate checks content/quiz without a database', async () => {
  const program = new Command('t').exitOverride();
  registerQuizCommands(program);
  expect(program.commands.map((c) => c.name())).toEqual(['quiz:validate', 'quiz:load', 'contest:export']);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await program.parseAsync(['node', 't', 'quiz:validate']);
  expect(log.mock.calls[0]![0]).toMatch(/^\d+ questions and \d+ contest\(s\) are valid$/);
  log.mockRestore();
});
