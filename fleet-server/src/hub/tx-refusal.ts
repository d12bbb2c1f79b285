// A refusal the hub answers with (a TxAck with ok: false): a typed error with a TxErrorCode and whether the
// kiosk may retry the same request. Refusals are thrown inside the hub and turned into acks at its edge.
import type { TxAck, TxErrorCode } from '@guichet/shared';
import { GuichetError } from '@guichet/shared';

export class TxRefusal extends GuichetError<TxErrorCode> {
  constructor(
    code: TxErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(code, message);
  }

  toAck(): TxAck {
    return { ok: false, error: { code: this.code, message: this.message, retryable: this.retryable } };
  }
}

export const refusalAck = (code: TxErrorCode, message: string, retryable = false): TxAck =>
  new TxRefusal(code, message, retryable).toAck();
