// Interim version: replaced by the full implementation (wt-redis branch).
import type { RecordingEvent, RecordingProvider } from '../types.js';
import type { ActiveSession, Coordinator } from './types.js';

export interface ReapResult {
  stopped: ActiveSession[];
  failed: Array<{ session: ActiveSession; error: unknown }>;
}

export async function reapExpiredSessions(options: {
  coordinator: Coordinator;
  providers: RecordingProvider[] | Partial<Record<string, RecordingProvider>>;
  now?: Date;
}): Promise<ReapResult> {
  const now = (options.now ?? new Date()).getTime();
  const providers = Array.isArray(options.providers)
    ? Object.fromEntries(options.providers.map((p) => [p.vendor, p]))
    : options.providers;
  const result: ReapResult = { stopped: [], failed: [] };
  for await (const session of options.coordinator.sessions.list()) {
    if (!session.deadline || new Date(session.deadline).getTime() > now) continue;
    const provider = providers[session.vendor];
    if (!provider) continue;
    try {
      await provider.stop(session.handle);
      await options.coordinator.sessions.remove(session.handle);
      result.stopped.push(session);
    } catch (error) {
      result.failed.push({ session, error });
    }
  }
  return result;
}

export async function dedupeEvent(coordinator: Coordinator, event: RecordingEvent, ttlMs = 24 * 3600 * 1000): Promise<boolean> {
  if (!event.eventId) return true;
  return coordinator.claim(`event:${event.vendor}:${event.eventId}`, ttlMs);
}
