// The faults every ministry simulator can be told to show, so adapters and the hub are tested against the
// failures a legacy system really has: slow answers, refused connections, business refusals, garbage on the
// wire, and the same answer (or delivery) twice.
import { z } from 'zod';

export const FailureModes = z.object({
  /** Hold every answer this long before sending it (real timer in the simulator). */
  delayMs: z.int().nonnegative().default(0),
  /** Refuse connections: the listener is closed and open connections are dropped. */
  down: z.boolean().default(false),
  /** Refuse every business request with this reason code (a refusal, not an outage). */
  rejects: z.string().min(1).max(8).optional(),
  /** Answer something the caller cannot read (truncated record, broken XML, HTML error page). */
  malformed: z.boolean().default(false),
  /** Send the answer twice on the wire, or deliver the request twice to the back end. */
  answersTwice: z.boolean().default(false),
});
export type FailureModes = z.infer<typeof FailureModes>;
export type FailureModesInput = z.input<typeof FailureModes>;

export const NO_FAILURES: FailureModes = FailureModes.parse({});
