import type { SimVendor } from './types.js';

/**
 * A fault applied to the next `times` requests that match `vendor` and `operation` (both optional:
 * unset matches everything). Faulted requests never reach the emulator: no state changes, no rate-limit
 * token is spent.
 *
 * - `http-5xx`       answer `status` (default 503) with a generic JSON body
 * - `hang`           never answer (until the client gives up or the simulator closes); with `delayMs`,
 *                    wait that long and then handle the request normally (a slow vendor)
 * - `reset`          destroy the socket without answering
 * - `malformed-json` answer 200 with a truncated JSON body
 * - `vendor-error`   answer the emulator's own error for `vendorCode` (`emulator.errorResponse`)
 */
export type SimFaultKind = 'http-5xx' | 'hang' | 'reset' | 'malformed-json' | 'vendor-error';

export interface SimFault {
  vendor?: SimVendor;
  operation?: string;
  /** how many matching requests to fault; default 1 (Infinity: until cleared) */
  times?: number;
  kind: SimFaultKind;
  status?: number;
  vendorCode?: number | string;
  delayMs?: number;
}

interface ArmedFault extends SimFault {
  remaining: number;
}

const KINDS: ReadonlySet<string> = new Set(['http-5xx', 'hang', 'reset', 'malformed-json', 'vendor-error']);

export class FaultRegistry {
  private faults: ArmedFault[] = [];

  add(fault: SimFault): void {
    if (!KINDS.has(fault.kind)) throw new TypeError(`unknown fault kind: ${String(fault.kind)}`);
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError('fault.times must be > 0');
    if (fault.kind === 'vendor-error' && fault.vendorCode === undefined) {
      throw new TypeError("a 'vendor-error' fault needs a vendorCode");
    }
    if (
      fault.kind === 'http-5xx' &&
      fault.status !== undefined &&
      (fault.status < 500 || fault.status > 599)
    ) {
      throw new RangeError("an 'http-5xx' fault needs a status in 500..599");
    }
    this.faults.push({ ...fault, remaining: times });
  }

  /** Take (consume one use of) the first fault matching this request, if any. */
  take(vendor: SimVendor | 'unknown', operation: string): SimFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.vendor === undefined || f.vendor === vendor) &&
        (f.operation === undefined || f.operation === operation),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    const { remaining: _remaining, ...rest } = fault;
    return rest;
  }

  pending(): SimFault[] {
    return this.faults.map(({ remaining, ...rest }) => ({ ...rest, times: remaining }));
  }

  clear(): void {
    this.faults = [];
  }
}

/** The body sent for `malformed-json`: valid JSON prefix, cut off mid-value. */
export const MALFORMED_JSON_BODY = '{"code":0,"resourceId":"trunc';
