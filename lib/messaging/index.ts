import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LibraryProtocol } from './library';
import type { PageProtocol } from './page';
import type { SyncProtocol } from './sync';
import type { ZoteroProtocol } from './zotero';

export * from './library';
export * from './page';
export * from './protocol';
export * from './sync';
export * from './zotero';

/**
 * The one protocol between content scripts, popup, options and background: each area declares its messages in
 * its own file; every handler validates its data (lib/service) before use and answers `ErrorReply` on bad input.
 */
export interface ProtocolMap extends PageProtocol, LibraryProtocol, ZoteroProtocol, SyncProtocol {}

/** Typed send/receive over runtime messaging (@webext-core/messaging), for entrypoints only. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
