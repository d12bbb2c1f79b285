// The transport contract every device driver is written against (after node-serialport's
// bindings-interface): bytes in, bytes out, open/close. Real transports (serial, TCP 9100, USB
// printer class) and simulated ones implement it; protocol layers above never open a port themselves.

export interface ByteTransport {
  /** Human-readable address for logs and errors, e.g. `tcp://127.0.0.1:9100`, `serial:/dev/ttyUSB0`. */
  readonly description: string;
  readonly isOpen: boolean;
  /**
   * false when the device can send nothing back (a one-way USB printer: usblp answers read() with EINVAL);
   * undefined when the transport cannot tell (assume it can).
   */
  readonly readsBack?: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes are handed to the OS (drained), rejects with a GuichetError otherwise. */
  write(data: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the transport closes, with the error if it closed because of one. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}
