// The console's copies of the fleet API's limits (written out so the browser bundle does not pull in the server's
// rules) must be the server's: a maintenance window's longest span, a note's longest text.
import { describe, expect, it } from 'vitest';
import { MAX_MAINTENANCE_DAYS } from '../incidents/maintenance/maintenance-rules';
import { NOTE_MAX_LENGTH, NoteText } from '../incidents/incident-rules';
import { NOTE_MAX_LENGTH as CONSOLE_NOTE_MAX_LENGTH } from '../../web/console/src/incidents/incident-notes';
import { MAX_MAINTENANCE_DAYS as CONSOLE_MAX_MAINTENANCE_DAYS } from '../../web/console/src/maintenance/maintenance-limits';

describe('console limits', () => {
  it('are the fleet API’s', () => {
    expect(CONSOLE_MAX_MAINTENANCE_DAYS).toBe(MAX_MAINTENANCE_DAYS);
    expect(CONSOLE_NOTE_MAX_LENGTH).toBe(NOTE_MAX_LENGTH);
    // The box's limit is what the server accepts: a full box passes, one character more does not.
    expect(NoteText.safeParse('x'.repeat(CONSOLE_NOTE_MAX_LENGTH)).success).toBe(true);
    expect(NoteText.safeParse('x'.repeat(CONSOLE_NOTE_MAX_LENGTH + 1)).success).toBe(false);
  });
});
