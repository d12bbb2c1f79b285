// The notes an incident's details show, from its history.
import { describe, expect, it } from 'vitest';
import { notesOf } from './incident-notes';

describe('incident notes', () => {
  it('keeps notes and the resolution with their author, oldest first; acknowledgements and assignments are not notes', () => {
    expect(
      notesOf([
        { at: '2026-11-30T15:20:00.000Z', actor: 'dana', action: 'resolve', text: 'Replaced the roll' },
        { at: '2026-11-30T15:00:00.000Z', actor: 'dana', action: 'acknowledge', text: null },
        { at: '2026-11-30T15:01:00.000Z', actor: 'dana', action: 'assign', text: 'lee' },
        { at: '2026-11-30T15:05:00.000Z', actor: 'lee', action: 'note', text: 'Paper jam, ordering a roll' },
        { at: '2026-11-30T15:06:00.000Z', actor: 'lee', action: 'note', text: '  ' },
      ]),
    ).toEqual([
      { at: '2026-11-30T15:05:00.000Z', actor: 'lee', text: 'Paper jam, ordering a roll', resolution: false },
      { at: '2026-11-30T15:20:00.000Z', actor: 'dana', text: 'Replaced the roll', resolution: true },
    ]);
  });
});
