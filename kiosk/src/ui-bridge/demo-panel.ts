// DEMO ONLY: a small page at /demo-panel, beside the kiosk's screen, with buttons that drive the simulated
// devices behind it (which card the PIN pad's next sale reads, a licence swipe, the printer's paper). Plain HTML
// forms posting to the bridge (no script), served only when the demo hands over its simulators.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import type { CardholderScript } from '@guichet/drivers/sim/payment-terminal/cardholder-scripts';
import type { SimulatedHidTransport } from '@guichet/drivers/sim/card-reader/simulated-hid-transport';
import type { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';

export interface DemoPanelDevices {
  terminal?: PaymentTerminalSimulator;
  cardReader?: SimulatedHidTransport;
  printer?: PrinterSimulator;
}

interface Action {
  label: string;
  needs: keyof DemoPanelDevices;
  run(devices: Required<DemoPanelDevices>): void;
}

const card = (script: CardholderScript) => (d: Required<DemoPanelDevices>) => {
  d.terminal.script = script;
};

export const DEMO_PANEL_ACTIONS: Record<string, Action> = {
  approve: { label: 'Next card: approved', needs: 'terminal', run: card('approve') },
  decline: { label: 'Next card: declined', needs: 'terminal', run: card('decline') },
  'insufficient-funds': { label: 'Next card: insufficient funds', needs: 'terminal', run: card('insufficient-funds') },
  'pin-timeout': { label: 'Next card: PIN timeout', needs: 'terminal', run: card('pin-timeout') },
  'swipe-licence': {
    label: "Swipe a driver's licence",
    needs: 'cardReader',
    run: (d) => void d.cardReader.swipe('driver-licence'),
  },
  'paper-out': { label: 'Printer: out of paper', needs: 'printer', run: (d) => d.printer.inject({ paper: 'end' }) },
  'paper-in': { label: 'Printer: paper reloaded', needs: 'printer', run: (d) => d.printer.inject({ paper: 'ok' }) },
};

const PATH = '/demo-panel';

/** A route handler for the bridge: answers GET /demo-panel and POST /demo-panel/<action>, nothing else. */
export function demoPanelRoutes(devices: DemoPanelDevices, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://kiosk');
    if (url.pathname !== PATH && !url.pathname.startsWith(`${PATH}/`)) return false;
    if (req.method === 'GET' && url.pathname === PATH) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      });
      res.end(page(devices));
      return true;
    }
    const name = url.pathname.slice(PATH.length + 1);
    const action = DEMO_PANEL_ACTIONS[name];
    if (req.method !== 'POST' || !action || !devices[action.needs]) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no such demo action');
      return true;
    }
    action.run(devices as Required<DemoPanelDevices>);
    log.info({ event: 'demo-panel', action: name }, 'demo device action');
    res.writeHead(303, { location: PATH }).end();
    return true;
  };
}

function page(devices: DemoPanelDevices): string {
  const buttons = Object.entries(DEMO_PANEL_ACTIONS)
    .filter(([, action]) => devices[action.needs])
    .map(
      ([name, action]) =>
        `<form method="post" action="${PATH}/${name}"><button type="submit" name="do" value="${name}">${action.label}</button></form>`,
    )
    .join('\n');
  const state = [
    devices.terminal ? `PIN pad next card: <b>${devices.terminal.script}</b>` : '',
    devices.printer ? `printer paper: <b>${devices.printer.faults.paper}</b>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Demo devices</title>
<style>body{font-family:sans-serif;margin:1.5em;max-width:32em}form{display:inline-block;margin:.3em}
button{font-size:1em;padding:.6em 1em}</style>
<h1>Demo devices (simulated)</h1><p>${state}</p>
${buttons}
</html>`;
}
