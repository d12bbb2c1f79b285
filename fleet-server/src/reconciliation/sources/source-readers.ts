// One reader per source of the reconciliation, each behind the same small interface so the layout of the data
// directory and each system's tables can change in one place: a reader turns files into normalized records.
import path from 'node:path';
import type { z } from 'zod';
import type { HubTransaction, KioskJournalEntry, MinistryEntry, TerminalSale } from '../reconciliation-input';
import { readHub } from './hub-reader';
import { readKioskJournals } from './kiosk-journal-reader';
import { readMinistries } from './ministry-reader';
import { readTerminals } from './terminal-reader';

/** Reads one source from the data directory; throws RECONCILE_BAD_INPUT naming the file on anything unexpected. */
export interface SourceReader<T> {
  /** Where in the data directory it reads (for messages and the report). */
  readonly describes: string;
  read(dataDir: string): T[];
}

export interface ReconciliationReaders {
  terminals: SourceReader<z.input<typeof TerminalSale>>;
  journals: SourceReader<z.input<typeof KioskJournalEntry>>;
  hub: SourceReader<z.input<typeof HubTransaction>>;
  ministries: SourceReader<z.input<typeof MinistryEntry>>;
}

/**
 * The data directory (docs/architecture.md "Data directory"): fleet.db, kiosks/<kioskId>.transactions.db,
 * terminals/<kioskId>.db, ministries/<system>/<system>.sqlite.
 */
export const DEFAULT_READERS: ReconciliationReaders = {
  terminals: { describes: 'terminals/<kioskId>.db', read: (dir) => readTerminals(path.join(dir, 'terminals')) },
  journals: {
    describes: 'kiosks/<kioskId>.transactions.db',
    read: (dir) => readKioskJournals(path.join(dir, 'kiosks')),
  },
  hub: { describes: 'fleet.db', read: (dir) => readHub(path.join(dir, 'fleet.db')) },
  ministries: { describes: 'ministries/', read: (dir) => readMinistries(path.join(dir, 'ministries')) },
};
