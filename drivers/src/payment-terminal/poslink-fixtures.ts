// Frames from public PAX POSLink material, byte for byte (PROTOCOL.md names each source), and a raw response
// builder for answers the driver must refuse. Test support only.
import { MESSAGES, PROTOCOL_VERSION, type FieldSpec } from './message-table';

/** Frames as text with the control bytes written out: <STX> <ETX> <FS> <US>, and the LRC byte as given. */
function frame(text: string): Buffer {
  return Buffer.from(
    text.replace(/<STX>/g, '\x02').replace(/<ETX>/g, '\x03').replace(/<FS>/g, '\x1c').replace(/<US>/g, '\x1f'),
    'latin1',
  );
}

export const POSLINK_FIXTURES = {
  /** A00 Initialize, POSLink 1.28 (the specification's §3.3.2.1 example as quoted in the Kiolyn tests): LRC 'K'. */
  initialize: {
    frame: frame('<STX>A00<FS>1.28<ETX>K'),
    base64: 'AkEwMBwxLjI4A0s=',
  },
  /** T00 DoCredit SALE of 100 (1.00) with ECR reference number 1, POSLink 1.28 (§3.3.2.4): LRC 'C'. */
  sale: {
    frame: frame('<STX>T00<FS>1.28<FS>01<FS>100<FS><FS>1<FS><FS><FS><FS><FS><ETX>C'),
    base64: 'AlQwMBwxLjI4HDAxHDEwMBwcMRwcHBwcA0M=',
  },
  /** A08 (Get Signature) from §3.3.2.2: a frame this driver does not send, used for the LRC only: LRC 'J'. */
  getSignature: {
    frame: frame('<STX>A08<FS>1.28<FS>0<FS>90000<ETX>J'),
    base64: 'AkEwOBwxLjI4HDAcOTAwMDADSg==',
  },
  /**
   * T00 SALE of 1000 with ECR reference 1 and the duplicate-override flag, POSLink 1.35, as the HPS / Global
   * Payments Java SDK tests expect it sent (`CreditTests.sale`); no LRC is published with it.
   */
  hpsSale: {
    frame: frame('<STX>T00<FS>1.35<FS>01<FS>1000<FS><US><US><US><US><US>1<FS>1<FS><FS><FS><FS><FS><ETX>'),
  },
  /** T01 answer to a sale, POSLink 1.32 (Kiolyn's parser test): approved 522 with tip 22, account "1111". */
  approvedSaleResponse: {
    frame: frame(
      '<STX>0<FS>T01<FS>1.32<FS>000000<FS>OK<FS>0<US>APPROVED<US>000000<US>88888888<US><US><FS>01<FS>' +
        '522<US>0<US>22<US>0<US>0<US>33<US>12048<US>2022<FS>1111<US>0<US>1122<US><US><US><US>01<US><US><US><US>1<FS>' +
        '1<US>1<US>20170317003101<FS><US><FS><US><US><US><FS><FS><ETX>`',
    ),
  },
} as const;

/** The payload of a fixture frame: the bytes between STX and ETX. */
export function payloadOf(fixture: Buffer): Buffer {
  return fixture.subarray(1, fixture.length - 2);
}

/**
 * A response laid out by the positions of message-table.ts but without its schemas, so that a test can send a
 * terminal's answer with fields the driver must refuse (a full card number, an unknown card type).
 */
export function rawResponse(
  name: 'initializeResponse' | 'creditResponse' | 'reportResponse' | 'batchResponse',
  values: Record<string, string>,
): Buffer {
  const spec = MESSAGES[name];
  const groups: string[][] = Array.from({ length: spec.width }, () => []);
  groups[0] = ['0'];
  groups[1] = [spec.command];
  groups[2] = [PROTOCOL_VERSION];
  for (const [key, field] of Object.entries<FieldSpec>(spec.fields)) {
    const group = groups[field.at[0]]!;
    while (group.length <= field.at[1]) group.push('');
    group[field.at[1]] = values[key] ?? '';
  }
  return Buffer.from(groups.map((group) => group.join('\x1f')).join('\x1c'), 'latin1');
}
