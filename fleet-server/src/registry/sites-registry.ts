// Sites and kiosks of the network, loaded from a sites file (docs/sla.md format) at start-up.
import fs from 'node:fs';
import { z } from 'zod';
import { GuichetError, SitesFile, type KioskRecord, type Site } from '@guichet/shared';

export class SitesRegistry {
  private readonly kiosksById: Map<string, KioskRecord>;
  private readonly sitesById: Map<string, Site>;

  constructor(readonly file: SitesFile) {
    this.kiosksById = new Map(file.kiosks.map((kiosk) => [kiosk.id, kiosk]));
    this.sitesById = new Map(file.sites.map((site) => [site.id, site]));
  }

  kiosk(id: string): KioskRecord | undefined {
    return this.kiosksById.get(id);
  }

  site(id: string): Site | undefined {
    return this.sitesById.get(id);
  }

  get kiosks(): readonly KioskRecord[] {
    return this.file.kiosks;
  }
}

/** Reads and validates a sites file; a bad one is refused whole with a message naming the file and the problem. */
export function loadSitesFile(filePath: string): SitesRegistry {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (cause) {
    throw new GuichetError('SITES_FILE_UNREADABLE', `${filePath}: cannot read the sites file`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new GuichetError('SITES_FILE_NOT_JSON', `${filePath}: not valid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
  const parsed = SitesFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.path.join('.');
    const code = where.endsWith('timezone') ? 'SITES_FILE_BAD_TIMEZONE' : 'SITES_FILE_INVALID';
    throw new GuichetError(code, `${filePath}: ${where}: ${first.message}`, {
      details: { issues: z.treeifyError(parsed.error) },
    });
  }
  return new SitesRegistry(parsed.data);
}
