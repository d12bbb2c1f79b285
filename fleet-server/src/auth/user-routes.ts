// Fleet API for admins: people's accounts — create, list, disable or enable, reset a password. Passwords are
// never answered or logged; disabling a user or resetting their password ends their sessions.
import type { Request, Response } from 'express';
import type { Principal } from './principal';
import type { AuditRecorder } from '../audit/audit-log';
import { auditWho } from '../audit/audit-actor';
import { z } from 'zod';
import { isGuichetError } from '@guichet/shared';
import { defineRoute, type ApiRoute } from '../http/api-route';
import { sendError } from '../http/http-errors';
import type { Logger } from '../logging/logger';
import { MAX_PASSWORD_LENGTH } from './password-policy';
import { NewUser, Username, UserView, type UserStore } from './user-store';

const STATUS_OF: Record<string, number> = {
  BAD_USER: 400,
  WEAK_PASSWORD: 400,
  USER_NOT_FOUND: 404,
  USER_EXISTS: 409,
  LAST_ADMIN: 409,
};

/** Runs a store action; its typed refusals become their status, other errors go to the error handler. */
async function answer(res: Response, status: number, action: () => unknown): Promise<void> {
  try {
    const user = await action();
    res.status(status).json({ user });
  } catch (error) {
    const known = isGuichetError(error) ? STATUS_OF[error.code] : undefined;
    if (!isGuichetError(error) || known === undefined) throw error;
    sendError(res, known, error.code, error.message);
  }
}

const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const CreateUser = z.intersection(NewUser, z.object({ password: Password }));
const UserParams = z.object({ username: Username });
const UserAnswer = z.object({ user: UserView });

export function userRoutes(deps: { users: UserStore; log: Logger; audit?: AuditRecorder }): ApiRoute[] {
  /** One log line and one audit entry per change to a person's account (never the password). */
  const logged = (event: string, principal: Principal, req: Request, username: string) => {
    deps.log.info({ component: 'auth', event, by: principal.subject, username }, event);
    deps.audit?.record({ ...auditWho(principal, req), action: event, target: username });
  };
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      tag: 'people',
      summary: 'List the people who can sign in (no password hashes)',
      access: ['admin'],
      responses: { 200: { description: 'Every user', schema: z.object({ users: z.array(UserView) }) } },
      handler: ({ res }) => {
        res.json({ users: deps.users.list() });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      tag: 'people',
      summary: 'Create a user with a role (a technician may be bound to a region, an analyst to one ministry)',
      access: ['admin'],
      body: CreateUser,
      badBodyCode: 'BAD_USER',
      responses: {
        201: { description: 'The new user', schema: UserAnswer },
        409: { description: 'USER_EXISTS' },
      },
      handler: ({ req, res, body, principal }) => {
        const { password, ...user } = body;
        return answer(res, 201, async () => {
          const created = await deps.users.create(user, password);
          logged('user.created', principal!, req, created.username);
          return created;
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users/:username/disable',
      tag: 'people',
      summary: 'Disable a user: signs them out and refuses their sign-ins (not the last enabled admin)',
      access: ['admin'],
      params: UserParams,
      responses: {
        200: { description: 'The user, disabled', schema: UserAnswer },
        404: { description: 'USER_NOT_FOUND' },
        409: { description: 'LAST_ADMIN' },
      },
      handler: ({ req, res, params, principal }) =>
        answer(res, 200, () => {
          const user = deps.users.setDisabled(params.username, true);
          logged('user.disabled', principal!, req, user.username);
          return user;
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/users/:username/enable',
      tag: 'people',
      summary: 'Enable a disabled user again',
      access: ['admin'],
      params: UserParams,
      responses: {
        200: { description: 'The user, enabled', schema: UserAnswer },
        404: { description: 'USER_NOT_FOUND' },
      },
      handler: ({ req, res, params, principal }) =>
        answer(res, 200, () => {
          const user = deps.users.setDisabled(params.username, false);
          logged('user.enabled', principal!, req, user.username);
          return user;
        }),
    }),
    defineRoute({
      method: 'put',
      path: '/users/:username/password',
      tag: 'people',
      summary: "Reset a user's password: ends their sessions",
      access: ['admin'],
      params: UserParams,
      body: z.object({ password: Password }),
      badBodyCode: 'WEAK_PASSWORD',
      responses: {
        200: { description: 'The user', schema: UserAnswer },
        404: { description: 'USER_NOT_FOUND' },
      },
      handler: ({ req, res, params, body, principal }) =>
        answer(res, 200, async () => {
          const user = await deps.users.setPassword(params.username, body.password);
          logged('user.password-reset', principal!, req, user.username);
          return user;
        }),
    }),
  ];
}
