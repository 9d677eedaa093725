import type { Command } from 'commander';
import { evaluate, formatReport, meetsTargets, TARGETS } from './eval.ts';

/** `npm run cli -- nlu:eval`: accuracy of the intent classifier on the held-out split. */
export function registerNluCommands(program: Command): void {
  program
    .command('nlu:eval')
    .description('train on content/nlu/train and report intent accuracy on content/nlu/heldout (per intent and per writing style)')
    .option('--strict', 'exit with status 1 when the targets (95 % overall, 92 % unaccented) are not met')
    .action((opts: { strict?: boolean }) => {
      const report = evaluate();
      console.log(formatReport(report));
      const ok = meetsTargets(report);
      console.log(`\ntargets: overall ≥ ${TARGETS.overall * 100}%, unaccented ≥ ${TARGETS.unaccented * 100}%: ${ok ? 'met' : 'NOT met'}`);
      if (opts.strict && !ok) process.exitCode = 1;
    });
}
