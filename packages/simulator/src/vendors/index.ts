import type { VendorEmulator } from '../types.js';
import { createAgoraEmulator } from './agora.js';
import { createJoCloudEmulator } from './jocloud.js';
import { createZegoEmulator } from './zego.js';

/** The emulators the server dispatches to, tried in order by `matches()`. */
export function createEmulators(): VendorEmulator[] {
  return [createAgoraEmulator(), createZegoEmulator(), createJoCloudEmulator()];
}
