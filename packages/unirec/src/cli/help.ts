import { readFileSync } from 'node:fs';
import { AVAILABLE_VENDORS } from '../create-recording-provider.js';
import { ADAPTERS } from '../registry.js';
import { FIELD_FLAGS } from './args.js';

/** The version of the `unirec` package (dist/cli.js sits one level under package.json). */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    if (typeof pkg.version === 'string') return pkg.version;
  } catch {
    // fall through: a copied cli.js without its package.json
  }
  return 'unknown';
}

const VENDOR_NAMES = AVAILABLE_VENDORS.join('|');

function vendorFieldLines(): string {
  const lines = FIELD_FLAGS.map((f) => {
    const values = f.spec.values ? ` (${f.spec.values.join('|')})` : '';
    return `  ${`${f.spec.flag} V`.padEnd(26)} ${f.spec.description}${values}; or ${f.spec.env}`;
  });
  const secrets = Object.values(ADAPTERS).flatMap((a) =>
    Object.values(a!.fields)
      .filter((s) => s.secret)
      .map((s) => s.env),
  );
  lines.push(`  secrets come from the environment only: ${secrets.join(', ')}`);
  return lines.join('\n');
}

const PROVIDER_OPTIONS = `provider options:
  ${`--vendor ${VENDOR_NAMES}`.padEnd(29)} (or UNIREC_VENDOR, or "vendor" in the config file; query, stop
                                and update-layout read it from the handle)
  --config FILE                 (default ./unirec.config.json; secrets come from UNIREC_* variables only)
  --base-url URL                (or UNIREC_BASE_URL)
  --simulator URL               use a running 'unirec simulator' with its default credentials
  --timeout-ms N                per attempt (or UNIREC_TIMEOUT_MS)
  --json                        machine-readable output (one JSON document)`;

const COMMANDS: Record<string, string> = {
  start: `usage: unirec start --room R [options]

Starts a recording and prints its handle alone on stdout (progress and warnings go to stderr), so
  h=$(unirec start --room R)
works; --json prints the whole session instead.

  --room R                    the room (channel) to record
  --mode M                    composite (default) | individual | web
  --layout P                  grid | speaker | pip   [--focus ID]
  --layout-file FILE          a neutral layout as JSON (not with --layout)
  --participants a,b          participants.include
  --media M                   audio | video | audio+video
  --width W --height H        canvas in pixels
  --format F                  mp4,hls,…
  --storage-vendor S --bucket B --region R [--storage-endpoint URL]
                              storage; default: "storage" in the config file; keys from
                              UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY only
  --idempotency-key K         a retried start with the same key returns the same session
  --request FILE              a neutral StartRecordingRequest as JSON (flags win over it)`,
  'update-layout': `usage: unirec update-layout HANDLE (--layout grid|speaker|pip [--focus ID] | --layout-file FILE)

Changes the layout of a running composite recording. The vendor is read from the handle.`,
  query: `usage: unirec query HANDLE

Prints the state, the vendor's own state and the files of a session. The vendor is read from the handle.`,
  stop: `usage: unirec stop HANDLE [--wait [--wait-timeout S]]

Stops a session (stopping a stopped session is not an error). The vendor then copies the files to
your storage: --wait follows that upload until every file is stored (default at most 120 s).
The vendor is read from the handle.`,
  simulator: `usage: unirec simulator [--port 4010] [--host 127.0.0.1] [--json]

Serves the vendor simulator (the Agora, ZEGOCLOUD and JOCloud APIs) until Ctrl+C. --port 0 picks a
free port. With --host 0.0.0.0 (or ::) it listens on every interface and prints the loopback URL the
other commands accept (they take plain http only on loopback hosts).`,
  demo: `usage: unirec demo [--json] [--out preview.svg]

Runs one application script unchanged on every vendor (${AVAILABLE_VENDORS.join(', ')}) against an
embedded simulator, then writes a layout preview SVG (to --out, or a temporary directory) and says
where. --json prints one JSON document: per vendor the steps, session id, warnings, files and the
layout it received.`,
  layout: `usage: unirec layout preview (--layout grid|speaker|pip [--focus ID] | --layout-file FILE)
                             [--participants a,b,c] [--width 1280 --height 720]
                             [--vendors ${AVAILABLE_VENDORS.join(',')}|none] [--out FILE.svg] [--png FILE.png] [--json]

Draws the neutral layout and, side by side, what each vendor receives (read back out of the start
request its adapter builds against a local simulator: nothing is sent anywhere), with the warnings
each vendor gave. The SVG goes to --out (default stdout). --png also writes a PNG when rsvg-convert or
Chromium is installed (otherwise it says so and writes only the SVG). --json prints the regions as data.`,
};

export function commandHelp(command: string): string | undefined {
  const text = COMMANDS[command];
  if (!text) return undefined;
  const needsProvider = ['start', 'update-layout', 'query', 'stop'].includes(command);
  return needsProvider ? `${text}\n\n${PROVIDER_OPTIONS}\n\nvendor fields:\n${vendorFieldLines()}` : text;
}

export function mainHelp(): string {
  return `unirec ${packageVersion()}: one CLI for cloud recording on ${new Intl.ListFormat('en', { type: 'conjunction' }).format(AVAILABLE_VENDORS.map((v) => ADAPTERS[v]!.name))}

usage: unirec <command> [options]      unirec <command> --help for its options

commands:
  start            start a recording; prints its handle alone on stdout
                     --room R [--mode composite|individual|web] [--layout grid|speaker|pip] [--focus ID]
                     [--participants a,b] [--media audio|video|audio+video] [--width W --height H]
                     [--format mp4,hls] [--storage-vendor s3 --bucket B --region R] [--idempotency-key K]
                     [--request file.json]  (flags win over the file; storage keys from
                     UNIREC_STORAGE_ACCESS_KEY / UNIREC_STORAGE_SECRET_KEY)
  update-layout H  --layout grid|speaker|pip [--focus ID] | --layout-file layout.json
  query H          state and files of a session
  stop H [--wait]  stop; --wait follows the upload until every file is stored [--wait-timeout S]
  simulator        serve the vendor simulator [--port 4010] [--host 127.0.0.1]
  demo             the full lifecycle on every vendor against the embedded simulator [--json] [--out F.svg]
  layout preview   draw a layout and what each vendor receives, as SVG [--out F.svg] [--png F.png]

${PROVIDER_OPTIONS}

vendor fields (flags win over the config file and the environment):
${vendorFieldLines()}

  --version        the version of unirec

exit codes: 0 ok, 1 unexpected, 2 usage, 3 invalid input, 4 unsupported, 5 authentication,
            6 not found, 7 conflict, 8 rate limited, 9 vendor/network unavailable`;
}
