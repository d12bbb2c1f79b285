// Security headers on every answer (status page and API), by helmet configured explicitly rather than by its
// defaults, so a helmet upgrade cannot silently change the policy. The status page is plain files with no
// inline script or style, so the policy allows only this origin's own files and fetches.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** The Content-Security-Policy directives (docs/SECURITY.md "HTTP"). */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The status page signs in with a token typed into it: no URL of it is ever sent to another site.
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    // frame-ancestors is the modern form; X-Frame-Options covers browsers that predate it.
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    originAgentCluster: true,
    // The server speaks HTTP behind a TLS-terminating proxy (docs/SECURITY.md "Transport"): the proxy sets HSTS.
    strictTransportSecurity: false,
    xDnsPrefetchControl: { allow: false },
    xDownloadOptions: true,
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
    xPoweredBy: true,
    xXssProtection: true,
  });
}
