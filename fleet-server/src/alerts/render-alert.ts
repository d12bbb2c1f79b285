// What an alert says, in English then French in one message: kiosk, site, what happened, time left on the repair
// clock and the console page to open. Pure: the same alert renders the same text, so what the outbox stored is what
// a retry sends. Only fleet facts appear (kiosk, site, components, clocks): never citizen data.
import { DateTime } from 'luxon';
import type { Bilingual } from '@guichet/shared';
import type { Alert } from './evaluate-alerts';
import { componentNames } from './component-names';

/** What rendering needs to know about kiosks and sites (the SitesRegistry has this shape). */
export interface AlertDirectory {
  kiosk(id: string): { siteId: string } | undefined;
  site(id: string): { name?: string | undefined; timezone: string } | undefined;
}

export interface RenderedAlert {
  subject: string;
  text: string;
  /** The webhook body (JSON). */
  body: Record<string, unknown>;
}

/** The console's page of a kiosk, prefixed by the console's base URL when configured. */
export function consoleLink(kioskId: string | undefined, baseUrl?: string): string {
  const base = (baseUrl ?? '').replace(/\/+$/, '');
  return kioskId === undefined ? `${base}/console/` : `${base}/console/#/kiosks/${encodeURIComponent(kioskId)}`;
}

/** A duration in whole minutes, e.g. `1 h 05 min` (rounded down: never promises more time than is left). */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : `${h} h ${String(m).padStart(2, '0')} min`;
}

const percent = (fraction: number | null, language: 'en' | 'fr'): string => {
  if (fraction === null) return language === 'en' ? 'not measured' : 'non mesuré';
  // Rounded down (a fleet at 96.99 % is not shown as 97.0 %); the epsilon absorbs binary fractions like 0.959.
  const text = (Math.floor(fraction * 1000 + 1e-9) / 10).toFixed(1);
  return language === 'en' ? `${text} %` : `${text.replace('.', ',')} %`;
};

export function renderAlert(alert: Alert, directory: AlertDirectory, consoleBaseUrl?: string): RenderedAlert {
  const kioskId = alert.incident?.kioskId ?? alert.security?.kioskId;
  const siteId = alert.incident?.siteId ?? (kioskId === undefined ? undefined : directory.kiosk(kioskId)?.siteId);
  const site = siteId === undefined ? undefined : directory.site(siteId);
  const siteLabel = siteId === undefined ? '' : site?.name ? `${site.name} (${siteId})` : siteId;
  const local = (iso: string): string => {
    const zone = site?.timezone ?? 'UTC';
    const time = DateTime.fromISO(iso, { zone });
    return `${time.toFormat('yyyy-MM-dd HH:mm')} ${zone} (${iso})`;
  };
  const link = consoleLink(kioskId, consoleBaseUrl);
  const where = kioskId === undefined ? '' : ` — ${kioskId}${siteLabel ? ` @ ${siteLabel}` : ''}`;

  let title: Bilingual;
  const lines: Bilingual[] = [];
  const incident = alert.incident;
  if (incident) {
    const left = formatDuration(incident.repairSecondsLeft);
    const used = formatDuration(incident.repairSecondsUsed);
    title = {
      'incident.opened': { en: 'Kiosk fault', fr: 'Panne de borne' },
      'incident.clock-warning': { en: `Repair clock: ${left} left`, fr: `Délai de réparation : ${left} restantes` },
      'incident.breached': { en: 'Repair time exceeded', fr: 'Délai de réparation dépassé' },
      'incident.escalated': { en: 'ESCALATION: fault not acknowledged', fr: 'ESCALADE : panne non prise en charge' },
    }[alert.trigger as 'incident.opened'];
    lines.push(
      { en: `Kiosk: ${incident.kioskId}`, fr: `Borne : ${incident.kioskId}` },
      { en: `Site: ${siteLabel}`, fr: `Site : ${siteLabel}` },
      {
        en: `Failed: ${componentNames(incident.components, 'en')}`,
        fr: `En panne : ${componentNames(incident.components, 'fr')}`,
      },
      { en: `Detected: ${local(incident.detectedAt)}`, fr: `Détectée : ${local(incident.detectedAt)}` },
      incident.withinSla === false
        ? {
            en: `Repair clock: ${used} used, limit exceeded`,
            fr: `Délai de réparation : ${used} écoulées, limite dépassée`,
          }
        : {
            en: `Repair clock: ${used} used, ${left} left`,
            fr: `Délai de réparation : ${used} écoulées, ${left} restantes`,
          },
    );
    if (alert.trigger === 'incident.escalated')
      lines.push({
        en: 'The first alert for this fault has not been acknowledged.',
        fr: "La première alerte de cette panne n'a pas été prise en charge.",
      });
  } else if (alert.fleet) {
    const fleet = alert.fleet;
    const threshold = { en: percent(fleet.threshold, 'en'), fr: percent(fleet.threshold, 'fr') };
    title =
      alert.trigger === 'fleet.degraded'
        ? { en: `Fleet below ${threshold.en} operational`, fr: `Parc sous ${threshold.fr} opérationnel` }
        : { en: `Fleet back to ${threshold.en} operational`, fr: `Parc revenu à ${threshold.fr} opérationnel` };
    const down = fleet.kiosksDown.length === 0 ? '-' : fleet.kiosksDown.slice(0, 20).join(', ');
    const more = fleet.kiosksDown.length > 20 ? ` (+${fleet.kiosksDown.length - 20})` : '';
    lines.push(
      {
        en: `Operational: ${percent(fleet.operationalFraction, 'en')} (${fleet.upKiosks} of ${fleet.scheduledKiosks} scheduled kiosks)`,
        fr: `Opérationnel : ${percent(fleet.operationalFraction, 'fr')} (${fleet.upKiosks} sur ${fleet.scheduledKiosks} bornes en service)`,
      },
      { en: `Kiosks down: ${down}${more}`, fr: `Bornes en panne : ${down}${more}` },
      { en: `Since: ${fleet.degradedAt ?? alert.at}`, fr: `Depuis : ${fleet.degradedAt ?? alert.at}` },
    );
  } else {
    const security = alert.security!;
    title = { en: `Security: ${security.code}`, fr: `Sécurité : ${security.code}` };
    lines.push(
      { en: `Kiosk: ${security.kioskId}`, fr: `Borne : ${security.kioskId}` },
      { en: `Site: ${siteLabel}`, fr: `Site : ${siteLabel}` },
      { en: `At: ${local(security.at)}`, fr: `À : ${local(security.at)}` },
      { en: `What: ${security.message}`, fr: `Quoi : ${security.message}` },
    );
  }
  lines.push({ en: `Console: ${link}`, fr: `Console : ${link}` });

  const subject = `[Guichet] ${title.en} / ${title.fr}${where}`;
  const text = [
    title.en,
    '',
    ...lines.map((l) => l.en),
    '',
    '—— Français ——',
    '',
    title.fr,
    '',
    ...lines.map((l) => l.fr),
    '',
  ].join('\n');
  const body: Record<string, unknown> = {
    alertKey: alert.key,
    trigger: alert.trigger,
    at: alert.at,
    subject,
    text,
    console: link,
    ...(kioskId === undefined ? {} : { kioskId }),
    ...(siteId === undefined ? {} : { siteId, siteName: site?.name ?? null }),
    ...(incident
      ? {
          incident: {
            incidentId: incident.incidentId,
            detectedAt: incident.detectedAt,
            components: incident.components,
            repairSecondsUsed: incident.repairSecondsUsed,
            repairSecondsLeft: incident.repairSecondsLeft,
            withinSla: incident.withinSla,
          },
        }
      : {}),
    ...(alert.fleet ? { fleet: alert.fleet } : {}),
    ...(alert.security ? { security: alert.security } : {}),
  };
  return { subject, text, body };
}
