/**
 * The one rule shape of every vendor code table (Agora `code`, ZEGO `Code`, JOCloud `code`). Core's
 * response interpreter turns a rule into the error class, the retry decision and the message; an
 * adapter only writes the table (with a comment naming the vendor document it comes from).
 */
export type VendorErrorKind =
  | 'validation'
  | 'unsupported_feature'
  | 'authentication'
  | 'rate_limit'
  | 'not_found'
  | 'conflict'
  | 'timeout'
  | 'vendor';

export interface VendorCodeRule {
  kind: VendorErrorKind;
  /** what the code means, in words a user can act on; becomes part of the error message */
  meaning: string;
  /**
   * Retried by the transport with the same request: `true` on every operation, or only on the
   * operations listed (the adapter's operation names). Default: not retried.
   */
  retry?: boolean | readonly string[];
  /**
   * The resource behind the request is spent: the provider starts over with a new one (Agora: a new
   * acquire + start; JOCloud: a new applyrecord + startrecord) instead of repeating the same request.
   */
  renew?: boolean;
  /** minimum wait before the retry (the vendor's own advice), when the response carries no Retry-After */
  retryAfterMs?: number;
  /** the neutral field a validation code is about (ValidationError.issues[].path); default '(request)' */
  field?: string;
}

export type VendorCodeTable = Readonly<Record<number, VendorCodeRule>>;
