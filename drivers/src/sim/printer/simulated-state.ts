// The simulated printer's condition and injected faults, and the DLE EOT reply byte it gives for each
// (through the driver's own Epson bit table, encoded the other way).
import { z } from 'zod';
import type { RealTimeStatusFunction } from '../../printer/escpos-commands';
import { encodeStatusByte } from '../../printer/status-decoder';

/**
 * Which printer the simulator behaves like: `epson-tm-t88` (answers DLE EOT, GS ( H process ID and GS r),
 * `generic-escpos` (DLE EOT only: GS ( H and GS r are ignored, as on most non-Epson ESC/POS printers),
 * `custom-kiosk` (Custom-style: bit 7 of the DLE EOT 1 answer set, GS r answered, GS ( H ignored).
 */
export const SIMULATED_PRINTER_PROFILES = ['epson-tm-t88', 'generic-escpos', 'custom-kiosk'] as const;
export type SimulatedPrinterProfile = (typeof SIMULATED_PRINTER_PROFILES)[number];

export const SimulatedPrinterState = z.object({
  profile: z.enum(SIMULATED_PRINTER_PROFILES).default('epson-tm-t88'),
  paper: z.enum(['ok', 'near-end', 'end']).default('ok'),
  cover: z.enum(['closed', 'open']).default('closed'),
  /** How the printer answers DLE EOT: normally, not at all, after `lateMs`, or with bytes that are not status. */
  answer: z.enum(['normal', 'silent', 'late', 'garbage']).default('normal'),
  lateMs: z.number().int().min(0).max(60_000).default(3000),
  /** Close each connection once it has received this many bytes (a cable pulled mid-receipt). */
  dropAfterBytes: z.number().int().min(1).optional(),
  /**
   * How fast the print mechanism works through its receive buffer. Unset, every byte is processed the moment it
   * arrives; set, data queues and DLE EOT is answered on arrival, ahead of what is still buffered, as on Epson.
   */
  printBytesPerSecond: z.number().int().min(1).optional(),
  /** The roll runs out once this many more bytes have been processed (paper end in the middle of a receipt). */
  paperEndAfterBytes: z.number().int().min(1).optional(),
});
export type SimulatedPrinterState = z.output<typeof SimulatedPrinterState>;
export type SimulatedPrinterFaults = z.input<typeof SimulatedPrinterState>;

export function canPrint(state: SimulatedPrinterState): boolean {
  return state.paper !== 'end' && state.cover === 'closed';
}

export function statusReply(n: number, state: SimulatedPrinterState): number | undefined {
  if (n < 1 || n > 4) return undefined; // functions this printer does not have get no answer, as on Epson
  const paperEnd = state.paper === 'end';
  const coverOpen = state.cover === 'open';
  const vendorBit7 = state.profile === 'custom-kiosk' && n === 1 ? CUSTOM_DLE_EOT1_BIT7 : 0;
  return (
    vendorBit7 |
    encodeStatusByte(n as RealTimeStatusFunction, {
      offline: paperEnd || coverOpen,
      coverOpen,
      stoppedByPaperEnd: paperEnd,
      paperEnd,
      // The near-end sensor sits before the end sensor: an empty roll trips both.
      paperNearEnd: paperEnd || state.paper === 'near-end',
    })
  );
}

/** The simulated Custom printer keeps its vendor bit 7 of DLE EOT 1 set (meaning not interpreted). */
const CUSTOM_DLE_EOT1_BIT7 = 0x80;

export function answersProcessId(state: SimulatedPrinterState): boolean {
  return state.profile === 'epson-tm-t88';
}

export function answersTransmitStatus(state: SimulatedPrinterState): boolean {
  return state.profile !== 'generic-escpos';
}

/** GS r 1 (paper sensor): bits 0-1 near end, 2-3 end; bits 4 and 7 are 0. */
export function transmitStatusReply(state: SimulatedPrinterState): number {
  if (state.paper === 'end') return 0x0f;
  return state.paper === 'near-end' ? 0x03 : 0x00;
}

/** A reply byte guaranteed not to be a status byte (bit 7 set, bit 1 clear). */
export const GARBAGE_REPLY = 0xe5;
