// Who did an action and from where, as the audit log records it: the principal the auth layer set and the
// request's TCP peer address (the server is not behind a trusted proxy, so X-Forwarded-For is never read).
import type { Request } from 'express';
import type { Principal, Role } from '../auth/principal';

export interface Actor {
  subject: string;
  role: Role;
  address: string | undefined;
}

export function actorOf(principal: Principal, req: Request): Actor {
  return { subject: principal.subject, role: principal.role, address: req.socket.remoteAddress };
}

/** The who-and-where fields of an audit entry for a request. */
export function auditWho(
  principal: Principal,
  req: Request,
): { actor: string; role: Role; address: string | undefined } {
  return { actor: principal.subject, role: principal.role, address: req.socket.remoteAddress };
}
