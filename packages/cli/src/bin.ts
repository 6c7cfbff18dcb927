#!/usr/bin/env node
import { Command, Option } from 'commander';
import { parseSettings } from './run/parse-settings.js';
import { runProgram } from './run/run-command.js';

interface RunFlags {
  parallelism?: string;
  set: string[];
  quiet?: boolean;
  plan?: boolean;
  checkpointDir?: string;
  checkpointInterval?: string;
  restore?: string;
  allowNonRestoredState?: boolean;
}

/** The checkpoint flags are shorthands for their configuration keys. */
function checkpointSettings(o: RunFlags): string[] {
  const out: string[] = [];
  if (o.checkpointDir) {
    out.push(`execution.checkpointing.dir=${o.checkpointDir}`);
    out.push(`execution.checkpointing.interval=${o.checkpointInterval ?? '1 s'}`);
  } else if (o.checkpointInterval) out.push(`execution.checkpointing.interval=${o.checkpointInterval}`);
  if (o.restore) out.push(`execution.state-recovery.path=${o.restore}`);
  if (o.allowNonRestoredState) out.push('execution.state-recovery.ignore-unclaimed-state=true');
  return out;
}

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
  .option('--checkpoint-dir <dir>', 'take checkpoints into this directory (execution.checkpointing.dir)')
  .option('--checkpoint-interval <duration>', 'time between checkpoints, e.g. 1s (default 1s with --checkpoint-dir)')
  .option('--restore <latest|path>', "restore from a savepoint/checkpoint path, or 'latest' in --checkpoint-dir")
  .option('--allow-non-restored-state', 'skip snapshot state of operators the program no longer has')
  .option('-q, --quiet', 'no progress output')
  .option('--plan', 'print the job plan before running')
  .action(async (file: string, opts: RunFlags) => {
    let settings: Record<string, unknown>;
    try {
      settings = parseSettings([...opts.set, ...checkpointSettings(opts)], opts.parallelism);
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
