import type { Vendor } from './types.js';

/**
 * Error classes. Instance checks go through a Symbol.for brand, so `instanceof` and
 * `isRecordingError` keep working when two copies of @unirec/core end up in one app.
 * Errors never hold secrets: messages are built from field paths and vendor messages, and any
 * request data attached to them is redacted first.
 */

const BRAND = Symbol.for('unirec.RecordingError');
const KIND = Symbol.for('unirec.RecordingError.kind');

export type RecordingErrorKind =
  | 'validation'
  | 'unsupported_feature'
  | 'authentication'
  | 'rate_limit'
  | 'not_found'
  | 'conflict'
  | 'timeout'
  | 'network'
  | 'webhook_verification'
  | 'aborted'
  | 'vendor';

/**
 * A recording that may be running at the vendor although the call that started it failed (its
 * answer was lost, or the call was aborted after the vendor got it) and no way to reach it is known.
 * `ids` identify it (Agora: resourceId, cname, uid); docs/vendors/<vendor>.md says how to stop it.
 */
export interface UnconfirmedRecording {
  vendor: Vendor;
  room: string;
  ids: Record<string, string>;
  /** what to do about it, in words */
  hint: string;
}

export interface RecordingErrorOptions {
  vendor?: Vendor | undefined;
  operation?: string | undefined;
  vendorCode?: string | number | undefined;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
  retryable?: boolean | undefined;
  cause?: unknown;
  /** ms the vendor asked to wait before retrying */
  retryAfterMs?: number | undefined;
  /** set when a recording may be running that this error leaves unreachable */
  unconfirmedRecording?: UnconfirmedRecording | undefined;
}

export interface ValidationIssue {
  /** dotted field path, e.g. 'layout.regions[3].x' */
  path: string;
  message: string;
}

export class RecordingError extends Error {
  declare readonly kind: RecordingErrorKind;
  readonly vendor: Vendor | undefined;
  readonly operation: string | undefined;
  readonly vendorCode: string | number | undefined;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** a recording that may be running at the vendor and that this error leaves unreachable */
  readonly unconfirmedRecording: UnconfirmedRecording | undefined;

  constructor(message: string, options: RecordingErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.vendor = options.vendor;
    this.operation = options.operation;
    this.vendorCode = options.vendorCode;
    this.httpStatus = options.httpStatus;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.unconfirmedRecording = options.unconfirmedRecording;
    // `cause` may be an axios error holding request headers: keep it off the enumerable surface
    // so util.inspect / toJSON never print it.
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: describeCause(options.cause), enumerable: false });
    }
    Object.defineProperty(this, BRAND, { value: true });
  }

  // `this` is the class on the right of `instanceof` (a subclass too): that is the point here.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!isRecordingError(value)) return false;
    if (this === RecordingError) return true;
    const kind = (this as unknown as { prototype: RecordingError }).prototype[KIND as never];
    return kind === undefined || (value as unknown as Record<symbol, unknown>)[KIND] === kind;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      vendor: this.vendor,
      operation: this.operation,
      vendorCode: this.vendorCode,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      retryable: this.retryable,
      ...(this.unconfirmedRecording ? { unconfirmedRecording: this.unconfirmedRecording } : {}),
    };
  }
}

/** Keeps only a cause's class and message: never its config, headers or request body. */
function describeCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const safe = new Error(cause.message);
    safe.name = cause.name;
    return safe;
  }
  return undefined;
}

function defineKind<K extends RecordingErrorKind>(ctor: { prototype: object }, kind: K): void {
  Object.defineProperty(ctor.prototype, KIND, { value: kind });
  Object.defineProperty(ctor.prototype, 'kind', { value: kind, enumerable: true });
}

export class ValidationError extends RecordingError {
  declare readonly kind: 'validation';
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = [], options: RecordingErrorOptions = {}) {
    super(message, options);
    this.issues = issues;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}
export class UnsupportedFeatureError extends RecordingError {
  declare readonly kind: 'unsupported_feature';
  readonly feature: string;
  constructor(message: string, feature: string, options: RecordingErrorOptions = {}) {
    super(message, options);
    this.feature = feature;
  }
}
export class AuthenticationError extends RecordingError {
  declare readonly kind: 'authentication';
}
export class RateLimitError extends RecordingError {
  declare readonly kind: 'rate_limit';
  constructor(message: string, options: RecordingErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}
export class NotFoundError extends RecordingError {
  declare readonly kind: 'not_found';
}
export class ConflictError extends RecordingError {
  declare readonly kind: 'conflict';
}
export class TimeoutError extends RecordingError {
  declare readonly kind: 'timeout';
  constructor(message: string, options: RecordingErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}
export class NetworkError extends RecordingError {
  declare readonly kind: 'network';
  constructor(message: string, options: RecordingErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}
export class WebhookVerificationError extends RecordingError {
  declare readonly kind: 'webhook_verification';
}
export class VendorError extends RecordingError {
  declare readonly kind: 'vendor';
}
/**
 * The caller's `signal` aborted the call (in flight, in a retry's backoff or waiting for a rate-limit
 * token). `name` is 'AbortError' like the platform's; `cause` is the signal's reason.
 */
export class AbortError extends RecordingError {
  declare readonly kind: 'aborted';
  constructor(message: string, options: RecordingErrorOptions & { reason?: unknown } = {}) {
    const { reason, ...rest } = options;
    super(message, rest);
    this.name = 'AbortError';
    // The reason is the caller's own value (often a DOMException): kept as given, not enumerable.
    Object.defineProperty(this, 'cause', { value: reason, enumerable: false, configurable: true });
  }
}

// RecordingError itself matches every branded error (see hasInstance); a bare one reads as 'vendor'.
Object.defineProperty(RecordingError.prototype, 'kind', { value: 'vendor', enumerable: true });
defineKind(ValidationError, 'validation');
defineKind(UnsupportedFeatureError, 'unsupported_feature');
defineKind(AuthenticationError, 'authentication');
defineKind(RateLimitError, 'rate_limit');
defineKind(NotFoundError, 'not_found');
defineKind(ConflictError, 'conflict');
defineKind(TimeoutError, 'timeout');
defineKind(NetworkError, 'network');
defineKind(WebhookVerificationError, 'webhook_verification');
defineKind(VendorError, 'vendor');
defineKind(AbortError, 'aborted');

export function isRecordingError(value: unknown): value is RecordingError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Kind check that works across package copies: `isErrorKind(e, 'rate_limit')`. */
export function isErrorKind(value: unknown, kind: RecordingErrorKind): boolean {
  return isRecordingError(value) && (value as RecordingError).kind === kind;
}

/**
 * Builds the error class for a kind: the one place the adapters' code tables turn into classes.
 * `issue` is the field path and rule of a vendor-side ValidationError (the vendor's own message).
 */
export function createRecordingError(
  kind: Exclude<RecordingErrorKind, 'aborted'>,
  message: string,
  options: RecordingErrorOptions = {},
  issue?: ValidationIssue,
): RecordingError {
  switch (kind) {
    case 'validation':
      return new ValidationError(message, issue ? [issue] : [], options);
    case 'unsupported_feature':
      return new UnsupportedFeatureError(message, issue?.path ?? '(request)', options);
    case 'authentication':
      return new AuthenticationError(message, options);
    case 'rate_limit':
      return new RateLimitError(message, options);
    case 'not_found':
      return new NotFoundError(message, options);
    case 'conflict':
      return new ConflictError(message, options);
    case 'timeout':
      return new TimeoutError(message, options);
    case 'network':
      return new NetworkError(message, options);
    case 'webhook_verification':
      return new WebhookVerificationError(message, options);
    case 'vendor':
      return new VendorError(message, options);
  }
}

/**
 * Marks an error (fresh from a failed start) as leaving a recording that may be running: adds the
 * ids that identify it and says so in the message. Returns the same error.
 */
export function markUnconfirmedRecording<E extends RecordingError>(error: E, info: UnconfirmedRecording): E {
  Object.defineProperty(error, 'unconfirmedRecording', { value: info, enumerable: true, configurable: true });
  error.message = `${error.message} — a recording may be running at ${info.vendor} (${Object.entries(info.ids)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}): ${info.hint}`;
  return error;
}
