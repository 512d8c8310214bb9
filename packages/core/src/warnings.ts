import { UnsupportedFeatureError } from './errors.js';
import type { Vendor, Warning } from './types.js';

/**
 * "Warnings, not silent loss": a translation that loses something is reported here. Under
 * `strict: true` the first loss throws UnsupportedFeatureError instead.
 */
export class WarningCollector {
  readonly warnings: Warning[] = [];
  constructor(
    private readonly strict: boolean,
    private readonly vendor: Vendor,
    private readonly operation: string,
  ) {}

  add(feature: string, message: string): void {
    if (this.strict) {
      throw new UnsupportedFeatureError(`${message} (strict mode)`, feature, {
        vendor: this.vendor,
        operation: this.operation,
      });
    }
    if (!this.warnings.some((w) => w.feature === feature && w.message === message)) {
      this.warnings.push({ feature, message });
    }
  }
}

/** Raised before any request when a vendor cannot do what was asked at all (strict or not). */
export function unsupported(
  vendor: Vendor,
  operation: string,
  feature: string,
  message: string,
): UnsupportedFeatureError {
  return new UnsupportedFeatureError(message, feature, { vendor, operation });
}
