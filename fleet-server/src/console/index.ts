// The technician console's server side: the live feed over socket.io (/console), its protocol, and the built app.
export * from './console-protocol';
export { ConsoleGateway, CONSOLE_SWEEP_INTERVAL_MS, type ConsoleGatewayDeps } from './console-gateway';
export {
  anyOf,
  authenticateConsole,
  consoleHandshakeAuth,
  cookieAuthenticator,
  handshakeToken,
  ConsoleRefusal,
  tokenAuthenticator,
  type Handshake,
  type HandshakeAuthenticator,
} from './console-auth';
export { ChangeBatcher, CONSOLE_BATCH_INTERVAL_MS } from './change-batcher';
export { LiveViewIncidentFeed, type IncidentFeed, type IncidentStateSource } from './incident-feed';
export { type IncidentHumanState, incidentId } from './console-views';
export { LiveFigures, SLA_MIN_REFRESH_MS, SLA_PUSH_INTERVAL_MS } from './live-figures';
export { consoleStatic, CONSOLE_DIST_DIR, CONSOLE_PATH } from './console-static';
