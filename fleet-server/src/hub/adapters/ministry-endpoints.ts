// Where each ministry's system is reached, for the hub's configuration: one entry per ministry id (the fines
// issuers each have their own API). Validated with zod so a bad config fails at start, not at a citizen's commit.
import { z } from 'zod';

const HostPort = z.object({ host: z.string().min(1), port: z.int().min(1).max(65_535) });
const HttpBase = z.object({ url: z.url({ protocol: /^https?$/ }) });

export const MinistryEndpoints = z.object({
  /** Transportation's mainframe socket gateway (fixed-width records over TCP). */
  transportation: HostPort,
  /** Health's SOAP service host (the service path is fixed). */
  health: HttpBase,
  /** Natural Resources: lookup service and the drop directory its nightly run ingests. */
  'natural-resources': z.object({ lookup: HostPort, dropDir: z.string().min(1) }),
  'attorney-general': HttpBase,
  'city-ottawa': HttpBase,
  'city-toronto': HttpBase,
});
export type MinistryEndpoints = z.infer<typeof MinistryEndpoints>;
