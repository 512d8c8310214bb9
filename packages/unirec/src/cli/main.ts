import { runDemo } from '../demo.js';
import { parse } from './args.js';
import { runCommand } from './commands.js';
import { commandHelp, mainHelp, packageVersion } from './help.js';
import {
  EXIT,
  type Output,
  UsageError,
  consoleOutput,
  exitQuietlyOnClosedPipe,
  reportError,
} from './output.js';
import { runLayoutPreview } from './preview-command.js';
import { serveSimulator } from './simulator-command.js';

const PROVIDER_COMMANDS = ['start', 'update-layout', 'query', 'stop'];

/** `unirec --help`, `unirec <command> --help`, `unirec help <command>`. */
function printHelp(output: Output, command: string | undefined): number {
  if (!command) {
    output.out(mainHelp());
    return EXIT.ok;
  }
  const text = commandHelp(command);
  if (!text) throw new UsageError(`unknown command '${command}'`);
  output.out(text);
  return EXIT.ok;
}

export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let output = consoleOutput(argv.includes('--json'));
  let command: string | undefined;
  try {
    const args = parse(argv);
    const { values, positionals } = args;
    output = consoleOutput(values.json);
    command = positionals[0];
    if (values.version) {
      output.out(output.json ? JSON.stringify({ version: packageVersion() }) : packageVersion());
      return EXIT.ok;
    }
    if (command === 'help') return printHelp(output, positionals[1]);
    if (values.help) return printHelp(output, command);
    if (!command) {
      output.err(mainHelp());
      return EXIT.usage;
    }
    if (command === 'simulator') {
      await serveSimulator(values, output);
      return EXIT.ok;
    }
    if (command === 'demo') {
      const report = await runDemo({ ...(output.json ? { out: () => {} } : {}), previewOut: values.out });
      if (output.json) output.out(JSON.stringify(report));
      return report.ok ? EXIT.ok : EXIT.unexpected;
    }
    if (command === 'layout') {
      await runLayoutPreview(args, output);
      return EXIT.ok;
    }
    if (!PROVIDER_COMMANDS.includes(command)) throw new UsageError(`unknown command '${command}'`);
    await runCommand(command, args, env, output);
    return EXIT.ok;
  } catch (error) {
    return reportError(output, error, command && commandHelp(command) ? command : undefined);
  }
}

exitQuietlyOnClosedPipe();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`unirec: ${(error as Error).message}\n`);
    process.exitCode = EXIT.unexpected;
  },
);
