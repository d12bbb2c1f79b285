// The console's live feed: socket.io namespace /console on the fleet server (the session cookie goes with the
// handshake). One snapshot at connection (again after every reconnection), then batched changes — no polling.
import { io, type Socket } from 'socket.io-client';
import type { ConsoleIncidentChanges, ConsoleKioskChanges, ConsoleSla, ConsoleSnapshot } from './console-types';

/** The protocol's event names (console-protocol.ts ConsoleEvents), copied so the bundle needs no server code. */
export const EVENTS = {
  snapshot: 'console.snapshot',
  kiosks: 'console.kiosks',
  incidents: 'console.incidents',
  sla: 'console.sla',
} as const;

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface FeedHandlers {
  snapshot: (snapshot: ConsoleSnapshot) => void;
  kiosks: (changes: ConsoleKioskChanges) => void;
  incidents: (changes: ConsoleIncidentChanges) => void;
  sla: (sla: ConsoleSla) => void;
  link: (state: LinkState) => void;
}

export interface Feed {
  /** Connects again after a refusal, once the session is known to be valid. */
  reconnect: () => void;
  close: () => void;
}

export function openFeed(handlers: FeedHandlers): Feed {
  const socket: Socket = io(`${location.origin}/console`, { withCredentials: true });
  handlers.link('connecting');
  socket.on(EVENTS.snapshot, (s: ConsoleSnapshot) => {
    handlers.link('live');
    handlers.snapshot(s);
  });
  socket.on(EVENTS.kiosks, handlers.kiosks);
  socket.on(EVENTS.incidents, handlers.incidents);
  socket.on(EVENTS.sla, handlers.sla);
  // The server hanging up on purpose (a session revoked) is not retried by socket.io: the app checks the session.
  socket.on('disconnect', (reason) => handlers.link(reason === 'io server disconnect' ? 'refused' : 'reconnecting'));
  // A refusal by the server's middleware (signed out, expired) leaves the socket inactive: no retry loop.
  socket.on('connect_error', () => handlers.link(socket.active ? 'reconnecting' : 'refused'));
  return {
    reconnect: () => {
      if (!socket.connected) socket.connect();
    },
    close: () => {
      socket.off();
      socket.disconnect();
    },
  };
}
