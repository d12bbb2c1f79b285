// The kiosk link's abuse limits (docs/SECURITY.md "Limits"), each sized far above what a real kiosk does: one
// heartbeat every 10 s, a telemetry batch per acknowledgement while replaying, a few tx.* messages per citizen.

/** Messages a connection may send in a burst, and the rate that refills it (a token bucket). */
export const LINK_MESSAGE_BURST = 200;
export const LINK_MESSAGES_PER_SECOND = 20;

/** Protocol errors (invalid, unknown or mis-addressed messages) a connection may make in a window before it is closed. */
export const PROTOCOL_ERRORS_BEFORE_DISCONNECT = 20;
export const PROTOCOL_ERROR_WINDOW_MS = 60_000;

/** Failed handshakes from one address, and for one kiosk id, in a window; past them, RATE_LIMITED before any check. */
export const HANDSHAKE_FAILURES_PER_ADDRESS = 20;
export const HANDSHAKE_FAILURES_PER_KIOSK = 10;
export const HANDSHAKE_FAILURE_WINDOW_MS = 60_000;

/** Namespace connect attempts on one underlying (engine.io) connection; past it, the connection is closed. */
export const CONNECT_ATTEMPTS_PER_CONNECTION = 5;

/** Replacements or LINK_CONTESTED refusals for one kiosk in a window that raise `security.link-contested`. */
export const LINK_CONTESTS_BEFORE_ALERT = 3;
export const LINK_CONTEST_WINDOW_MS = 5 * 60_000;

/** A live connection silent for this many heartbeat intervals may be replaced by any newcomer (a network drop). */
export const LINK_SILENT_AFTER_INTERVALS = 3;
