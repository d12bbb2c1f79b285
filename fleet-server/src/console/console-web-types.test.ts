// The console web app writes the push protocol's types out by hand (its bundle carries no zod): they must stay
// exactly the protocol's, or the console would misread what the server pushes.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as Protocol from './console-protocol';
import type * as Web from '../../web/console/src/live/console-types';

describe('console web types', () => {
  it('are the push protocol types', () => {
    expectTypeOf<Web.ConsoleSite>().toEqualTypeOf<Protocol.ConsoleSite>();
    expectTypeOf<Web.ConsoleKiosk>().toEqualTypeOf<Protocol.ConsoleKiosk>();
    expectTypeOf<Web.ConsoleIncident>().toEqualTypeOf<Protocol.ConsoleIncident>();
    expectTypeOf<Web.ConsoleSla>().toEqualTypeOf<Protocol.ConsoleSla>();
    expectTypeOf<Web.ConsoleSnapshot>().toEqualTypeOf<Protocol.ConsoleSnapshot>();
    expectTypeOf<Web.ConsoleKioskChanges>().toEqualTypeOf<z.infer<typeof Protocol.ConsoleKioskChanges>>();
    expectTypeOf<Web.ConsoleIncidentChanges>().toEqualTypeOf<z.infer<typeof Protocol.ConsoleIncidentChanges>>();
  });
});
