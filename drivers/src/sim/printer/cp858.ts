// IBM code page 858 (code page 850 with € at 0xD5), bytes 0x80..0xFF, for turning printed bytes back into text.
export const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

export function cp858Char(byte: number): string {
  return byte < 0x80 ? String.fromCharCode(byte) : (CP858_HIGH[byte - 0x80] ?? '\ufffd');
}
