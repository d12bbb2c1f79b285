// A card reader named by its hidraw path (/dev/hidraw0) rather than found by USB ids: node-hid's transport,
// shown only the device at that path, so it keeps its hot-plug recovery (reopen the path when it comes back).
import { loadNodeHid } from '@guichet/drivers/transport/load-native';
import { MAGTEK_USB } from '@guichet/drivers/card-reader/magtek-report-layout';
import { NodeHidTransport, type NodeHidModule } from '@guichet/drivers/card-reader/node-hid-transport';

/** The real node-hid module (CommonJS: its exports may sit on `default` when imported from ESM). */
export async function loadRealNodeHid(): Promise<NodeHidModule> {
  const hid = (await loadNodeHid()) as unknown as NodeHidModule & { default?: NodeHidModule };
  return typeof hid.devices === 'function' ? hid : (hid.default as NodeHidModule);
}

export class HidrawPathTransport extends NodeHidTransport {
  override readonly description: string;

  constructor(path: string, loadModule: () => Promise<NodeHidModule> = loadRealNodeHid) {
    const [vendorId, productId] = [MAGTEK_USB.vendorId, MAGTEK_USB.productIds[0]];
    super({
      vendorId,
      productIds: [productId],
      // Whatever the device at the path reports as its ids, the transport looks for these: the path decides.
      loadModule: async () => {
        const hid = await loadModule();
        return {
          HID: hid.HID,
          devices: () => hid.devices().flatMap((d) => (d.path === path ? [{ vendorId, productId, path }] : [])),
        };
      },
    });
    this.description = `hidraw:${path}`;
  }
}
