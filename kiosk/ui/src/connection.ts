// The page's one WebSocket to the kiosk runtime's UI bridge: intents out, screen snapshots in. Reconnects on
// its own (the runtime may restart); nothing is stored in the browser.
import type { BridgeMessage, ScreenState, UiIntent } from '../../src/ui-bridge/screen-protocol';

export interface Connection {
  send(intent: UiIntent): void;
  close(): void;
}

export function connect(onState: (state: ScreenState | null) => void): Connection {
  let socket: WebSocket | undefined;
  let closed = false;
  let lastSeq = -1;
  const open = () => {
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as BridgeMessage;
      if (message.type === 'screen' && message.state.seq > lastSeq) {
        lastSeq = message.state.seq;
        onState(message.state);
      }
    };
    socket.onclose = () => {
      if (closed) return;
      onState(null);
      lastSeq = -1;
      setTimeout(open, 1000);
    };
  };
  open();
  return {
    send: (intent) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(intent));
    },
    close: () => {
      closed = true;
      socket?.close();
    },
  };
}
