// Which interface a MagTek reader presents. In keyboard emulation (product 0x0001, the factory default of many
// readers; its interface is on a standard usage page such as 0x01 Generic Desktop / keyboard) the operating system
// types every swipe, card numbers included, into whatever screen has focus: such a reader is refused with a typed
// error telling the technician how to switch it to HID mode (vendor-defined usage page 0xFF00, product 0x0002).
import { GuichetError } from '@guichet/shared';
import { hidDescription } from './hid-transport';
import { MAGTEK_USB, VENDOR_DEFINED_USAGE_PAGE } from './magtek-report-layout';

export interface HidDeviceIdentity {
  vendorId: number;
  productId: number;
  /** node-hid's `usagePage` (hidraw reports it on Linux since hidapi 0.10); undefined when the OS does not say. */
  usagePage?: number | undefined;
}

export function isKeyboardEmulation(device: HidDeviceIdentity): boolean {
  if (device.vendorId !== MAGTEK_USB.vendorId) return false;
  if (device.productId === MAGTEK_USB.keyboardProductId) return true;
  return device.usagePage !== undefined && device.usagePage < VENDOR_DEFINED_USAGE_PAGE;
}

export function keyboardModeError(device: HidDeviceIdentity): GuichetError {
  return new GuichetError(
    'CARD_READER_KEYBOARD_MODE',
    `the card reader ${hidDescription(device.vendorId, device.productId)} is in keyboard-emulation mode: the ` +
      'operating system types every card it reads, card numbers included, into the focused screen. It is not used. ' +
      "Switch it to HID mode with MagTek's reader configuration utility (interface: HID; the reader then shows " +
      'as USB product 0801:0002 or, for a MagneSafe, 0801:0011), then unplug and replug it.',
    { details: { vendorId: device.vendorId, productId: device.productId, usagePage: device.usagePage } },
  );
}
