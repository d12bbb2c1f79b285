// Control bytes of PAX POSLink's serial / TCP framing (PROTOCOL.md): STX message ETX LRC, answered ACK or NAK,
// EOT to end a link exchange; FS between the fields of a message, US between the sub-fields of a group.
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
/** Field separator between the ASCII fields of a message. */
export const FS = 0x1c;
/** Unit separator between the sub-fields of one field (e.g. the amount, account and trace groups). */
export const US = 0x1f;
/** Longest frame (STX … ETX LRC) the decoder accepts before declaring it oversized (a T01 with EMV data fits). */
export const MAX_FRAME_BYTES = 4096;
