/** Set by the room reader in its isolated world; the background checks it before injecting the reader again. */
export const LIVE_MARKER = '__liveproofLive';
