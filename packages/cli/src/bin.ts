#!/usr/bin/env node
import { Command, Option } from 'commander';
import { parseSettings } from './run/parse-settings.js';
import { runProgram } from './run/run-command.js';

const program = new Command();
program
  .name('tributary')
  .description('Tributary: stream and batch processing in TypeScript, Flink-compatible')
  .version('0.1.0');

program
  .command('run')
  .description('Run a DataStream program (TypeScript or JavaScript)')
  .argument('<file>', 'program file')
  .option('-p, --parallelism <n>', 'default parallelism (parallelism.default)')
  .addOption(
    new Option('-s, --set <key=value...>', 'configuration, e.g. --set pipeline.max-parallelism=256').default([]),
  )
  .option('-q, --quiet', 'no progress output')
  .option('--plan', 'print the job plan before running')
  .action(async (file: string, opts: { parallelism?: string; set: string[]; quiet?: boolean; plan?: boolean }) => {
    let settings: Record<string, unknown>;
    try {
      settings = parseSettings(opts.set, opts.parallelism);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(2);
    }
    const code = await runProgram(file, { settings, quiet: !!opts.quiet, plan: !!opts.plan });
    process.exit(code);
  });

program.parseAsync(process.argv).catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
});
