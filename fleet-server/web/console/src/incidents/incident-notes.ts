// An incident's notes as GET /api/v1/incidents/:id gives its history (IncidentDetail in
// fleet-server/src/incidents/incident-service.ts), and the note's longest text (pure).
/** NoteText's limit in fleet-server/src/incidents/incident-rules.ts (NOTE_MAX_LENGTH; a test keeps the two equal). */
export const NOTE_MAX_LENGTH = 1000;

/** One entry of IncidentDetail.history: who did what, when; the note or resolution text, else null. */
export interface IncidentHistoryEntry {
  at: string;
  actor: string;
  action: 'acknowledge' | 'assign' | 'note' | 'resolve';
  text: string | null;
}

export interface IncidentNote {
  at: string;
  actor: string;
  text: string;
  resolution: boolean;
}

/** The notes and the resolution, oldest first (acknowledgements and assignments are said elsewhere on the card). */
export function notesOf(history: readonly IncidentHistoryEntry[]): IncidentNote[] {
  return history
    .filter((h) => (h.action === 'note' || h.action === 'resolve') && h.text !== null && h.text.trim() !== '')
    .map((h) => ({ at: h.at, actor: h.actor, text: h.text!, resolution: h.action === 'resolve' }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
