import type { SimVendor } from './types.js';

/**
 * A fault applied to the next `times` requests that match `vendor` and `operation` (both optional:
 * unset matches everything).
 *
 * Before the vendor sees the request (no state change, no rate-limit token spent, no webhook):
 * - `http-5xx`       answer `status` (default 503) with a generic JSON body
 * - `hang`           never answer (until the client gives up or the simulator closes); with `delayMs`,
 *                    wait that long and then handle the request normally (a slow network before the vendor)
 * - `reset`          destroy the socket without answering
 * - `malformed-json` answer 200 with a truncated JSON body
 * - `vendor-error`   answer the emulator's own error for `vendorCode` (`emulator.errorResponse`)
 *
 * After the vendor acted (the request is processed in full: state changes, rate-limit token spent,
 * webhooks scheduled), only the answer is lost:
 * - `lost-response`  destroy the socket instead of sending the answer
 * - `late-response`  send the normal answer only after `delayMs` (real milliseconds), so a client with a
 *                    shorter timeout gives up although the vendor state already changed
 */
export type SimFaultKind =
  | 'http-5xx'
  | 'hang'
  | 'reset'
  | 'malformed-json'
  | 'vendor-error'
  | 'lost-response'
  | 'late-response';

/** The fault kinds applied after the emulator processed the request. */
export const AFTER_VENDOR_FAULTS: ReadonlySet<SimFaultKind> = new Set(['lost-response', 'late-response']);

export interface SimFault {
  vendor?: SimVendor;
  operation?: string;
  /** how many matching requests to fault; default 1 (Infinity: until cleared) */
  times?: number;
  kind: SimFaultKind;
  status?: number;
  vendorCode?: number | string;
  /** `hang`: answer normally after this many real ms; `late-response` (required): hold the answer this long */
  delayMs?: number;
}

interface ArmedFault extends SimFault {
  remaining: number;
}

const KINDS: ReadonlySet<string> = new Set<SimFaultKind>([
  'http-5xx',
  'hang',
  'reset',
  'malformed-json',
  'vendor-error',
  'lost-response',
  'late-response',
]);

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
    if (fault.kind === 'late-response' && fault.delayMs === undefined) {
      throw new TypeError("a 'late-response' fault needs a delayMs");
    }
    if (fault.delayMs !== undefined && !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) {
      throw new RangeError('fault.delayMs must be a finite number >= 0');
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
