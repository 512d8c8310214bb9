import { startSimulator } from '@unirec/simulator';
import { runDemo } from '../demo.js';
import { numberFlag, parse } from './args.js';
import { runCommand } from './commands.js';
import { EXIT, type Output, UsageError, consoleOutput, reportError } from './output.js';

const HELP = `unirec: one CLI for cloud recording on Agora, ZEGOCLOUD and JOCloud

usage: unirec <command> [options]

commands:
  start            start a recording; prints its handle
                     --room R [--mode composite|individual|web] [--layout grid|speaker|pip] [--focus ID]
                     [--participants a,b] [--media audio|video|audio+video] [--width W --height H]
                     [--format mp4,hls] [--storage-vendor s3 --bucket B --region R] [--idempotency-key K]
                     [--request file.json]  (flags win over the file; storage keys from
                     UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY)
  update-layout H  --layout grid|speaker|pip [--focus ID] | --layout-file layout.json
  query H          state and files of a session
  stop H [--wait]  stop; --wait follows the upload until every file is stored [--wait-timeout S]
  simulator        serve the vendor simulator [--port 4010] [--host 127.0.0.1]
  demo             the full lifecycle on every vendor against the embedded simulator

provider options:
  --vendor agora|zego|jocloud   (or UNIREC_VENDOR)
  --config FILE                 (default ./unirec.config.json; secrets come from UNIREC_* variables only)
  --base-url URL                (or UNIREC_BASE_URL)
  --simulator URL               use a running 'unirec simulator' with its default credentials
  --timeout-ms N   --json       machine-readable output

exit codes: 0 ok, 1 unexpected, 2 usage, 3 invalid input, 4 unsupported, 5 authentication,
            6 not found, 7 conflict, 8 rate limited, 9 vendor/network unavailable`;

async function serveSimulator(values: ReturnType<typeof parse>['values'], output: Output): Promise<void> {
  const simulator = await startSimulator({ port: numberFlag(values, 'port') ?? 4010, host: values.host ?? '127.0.0.1' });
  if (output.json) output.out(JSON.stringify({ url: simulator.url }));
  else {
    output.out(`unirec simulator listening on ${simulator.url} (Agora, ZEGOCLOUD and JOCloud APIs)`);
    output.out(`use it: unirec start --simulator ${simulator.url} --vendor agora --room demo --layout grid`);
    output.out('press Ctrl+C to stop');
  }
  await new Promise<void>((resolve) => {
    const stop = () => void simulator.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let output = consoleOutput(argv.includes('--json'));
  try {
    const { values, positionals } = parse(argv);
    output = consoleOutput(values.json);
    const command = positionals[0];
    if (values.help || !command) {
      output.out(HELP);
      return command || values.help ? EXIT.ok : EXIT.usage;
    }
    if (command === 'simulator') {
      await serveSimulator(values, output);
      return EXIT.ok;
    }
    if (command === 'demo') {
      const { ok } = await runDemo();
      return ok ? EXIT.ok : EXIT.unexpected;
    }
    if (!['start', 'update-layout', 'query', 'stop'].includes(command)) throw new UsageError(`unknown command '${command}'`);
    await runCommand(command, positionals, values, env, output);
    return EXIT.ok;
  } catch (error) {
    return reportError(output, error);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`unirec: ${(error as Error).message}\n`);
    process.exitCode = EXIT.unexpected;
  },
);
