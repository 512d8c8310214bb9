import { isLoopbackHost } from '@unirec/core/adapter';
import { type Simulator, startSimulator } from '@unirec/simulator';
import { AVAILABLE_VENDORS } from '../create-recording-provider.js';
import { type Values, numberFlag } from './args.js';
import { type Output, UsageError } from './output.js';

export const DEFAULT_SIMULATOR_PORT = 4010;

/** Hosts that mean "every interface": the simulator is then reached from this machine on loopback. */
const ALL_INTERFACES: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '[::1]' };

/** A listen failure in words, with what to do; other errors pass through. */
function listenError(error: unknown, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE':
      return new UsageError(
        `port ${port} on ${host} is already in use (another 'unirec simulator'?): pick another with --port N, or --port 0 for a free one`,
      );
    case 'EACCES':
      return new UsageError(
        `not allowed to listen on port ${port} (ports below 1024 need privileges): pick another with --port N`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UsageError(`cannot listen on --host ${host}: it is not an address of this machine`);
    default:
      return error;
  }
}

async function listen(host: string, port: number): Promise<Simulator> {
  try {
    return await startSimulator({ port, host });
  } catch (error) {
    throw listenError(error, host, port);
  }
}

/** `unirec simulator`: serves until SIGINT/SIGTERM. */
export async function serveSimulator(values: Values, output: Output): Promise<void> {
  const host = values.host ?? '127.0.0.1';
  const port = numberFlag(values, 'port') ?? DEFAULT_SIMULATOR_PORT;
  if (port < 0 || port > 65535) throw new UsageError('--port must be between 0 and 65535');
  const simulator = await listen(host, port);
  const loopback = ALL_INTERFACES[host];
  // the URL printed is one the other commands accept: they take plain http on loopback hosts only
  const url = loopback ? `http://${loopback}:${simulator.port}` : simulator.url;
  const reachable = Boolean(loopback) || isLoopbackHost(host);
  if (output.json) {
    output.out(JSON.stringify({ url, host, port: simulator.port, allInterfaces: Boolean(loopback) }));
  } else {
    const where = loopback ? `all interfaces (${host}) on port ${simulator.port}` : simulator.url;
    output.out(`unirec simulator listening on ${where} (the Agora, ZEGOCLOUD and JOCloud APIs)`);
    if (loopback) output.out(`from this machine: ${url}`);
    if (reachable)
      output.out(
        `use it: unirec start --simulator ${url} --vendor ${AVAILABLE_VENDORS[0] ?? 'agora'} --room demo --layout grid`,
      );
    else
      output.out(
        `note: unirec's commands accept plain http on loopback hosts only; to use it from this machine, listen on 127.0.0.1 or 0.0.0.0`,
      );
    output.out('press Ctrl+C to stop');
  }
  await new Promise<void>((resolve) => {
    const stop = () => void simulator.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
