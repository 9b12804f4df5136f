import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export * from './protocol';

/** Typed send/receive over runtime messaging (@webext-core/messaging), for entrypoints only. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
