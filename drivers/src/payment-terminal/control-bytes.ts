// Link-level control bytes of the STX/ETX/LRC family used by semi-integrated PIN pads (PAX POSLink
// serial, UIC PP791 programmer's manual §5, Elavon/Verifone "Simplify" appendix C). See PROTOCOL.md.
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
/** Field separator between the ASCII fields of a message. */
export const FS = 0x1c;
/** Longest frame (STX … ETX LRC) the decoder accepts before declaring it oversized. */
export const MAX_FRAME_BYTES = 1024;
