import type { RecordingFile, UploadState } from './types.js';

/**
 * The overall upload state of a recording from what its files (or the vendor's services) report:
 * the weakest one wins, so 'uploaded' means every file reached the user's storage.
 * failed > pending > unknown > backed-up > uploaded; nothing reported → 'unknown'.
 */
const ORDER: readonly UploadState[] = ['failed', 'pending', 'unknown', 'backed-up', 'uploaded'];

export function combineUploadStates(states: ReadonlyArray<UploadState | undefined>): UploadState {
  if (states.length === 0) return 'unknown';
  let worst = ORDER.length - 1;
  for (const state of states) {
    const rank = state === undefined ? ORDER.indexOf('unknown') : ORDER.indexOf(state);
    if (rank < worst) worst = rank;
  }
  return ORDER[worst]!;
}

/** combineUploadStates over files' own `upload` states. */
export function uploadStateOfFiles(files: ReadonlyArray<RecordingFile>): UploadState {
  return combineUploadStates(files.map((f) => f.upload));
}
