import * as v from 'valibot';
import type { SyncStatus } from '../sync/service';
import type { ErrorReply } from './protocol';

// The options page's sync switch. Settings, topics and marks sync through the browser's own sync storage
// (lib/sync, run by the background); the status is kept in the extension's local storage for the options page.

export const SyncSetEnabledSchema = v.object({ enabled: v.boolean() });

export type SyncSetEnabledRequest = v.InferInput<typeof SyncSetEnabledSchema>;

export interface SyncProtocol {
  /** Turns sync on (a run follows at once) or off on this device; answers the status after it. */
  syncSetEnabled(data: SyncSetEnabledRequest): SyncStatus | ErrorReply;
}
