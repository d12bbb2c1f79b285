// The crash test's world: the ministries' simulators, the receipt printer and the PIN pad (on TCP, with its
// durable batch) live in the test process for the whole sweep, so their records survive every kill; the fleet
// server and the kiosk runtime each run in a child process that the test kills with SIGKILL and starts again
// on the same data (the fleet on the same port, so the kiosk finds it again).
import fs from 'node:fs';
import path from 'node:path';
import { startMinistrySimulators, type StartedMinistries } from '@guichet/ministries';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { reconcileDataDir, type ReconciliationReport } from '@guichet/fleet-server/reconciliation/index';
import { tempDir, writeSitesFile } from '../support/fleet-harness';
import { CrashChild } from './child-process';
import { collectFacts, type RecordSources, type TxFacts } from './money-invariants';
import { startTerminalOnTcp, type TerminalOnTcp } from './terminal-on-tcp';

export const KIOSK_ID = 'K-001';

export class CrashRig {
  fleet!: CrashChild;
  kiosk!: CrashChild;
  private fleetPort = 0;
  private credential = '';
  private nightly: (() => void) | undefined;
  private readonly fleetDir: string;
  private readonly kioskDir: string;
  private readonly sitesFile: string;

  private constructor(
    readonly root: string,
    readonly ministries: StartedMinistries,
    readonly printer: PrinterSimulator,
    private readonly printerPort: number,
    readonly terminal: TerminalOnTcp,
  ) {
    this.fleetDir = path.join(root, 'fleet');
    this.kioskDir = path.join(root, 'kiosk');
    this.sitesFile = writeSitesFile(root, 1);
  }

  static async start(): Promise<CrashRig> {
    const root = tempDir('crash');
    let nightly: (() => void) | undefined;
    const ministries = await startMinistrySimulators({
      dataDir: path.join(root, 'ministries'),
      // The Outdoors nightly run happens when the test says (at the end, to ingest the drop directory).
      nightly: (run) => {
        nightly = run;
        return () => undefined;
      },
    });
    const printer = new PrinterSimulator();
    const { port } = await printer.listenTcp('127.0.0.1', 0);
    const terminal = await startTerminalOnTcp(path.join(root, 'terminals', `${KIOSK_ID}.db`));
    const rig = new CrashRig(root, ministries, printer, port, terminal);
    rig.nightly = nightly;
    await rig.startFleet();
    const from = rig.fleet.messages.length;
    rig.fleet.send({ type: 'issue-credential', kioskId: KIOSK_ID });
    rig.credential = (await rig.fleet.waitFor('a kiosk credential', 'credential', { from })).credential;
    await rig.startKiosk();
    return rig;
  }

  /** Starts the fleet server child (again) and waits until it listens, its hub's recovery done. */
  async startFleet(): Promise<void> {
    this.fleet = new CrashChild('fleet', 'fleet-child.ts', {
      CRASH_FLEET_DATA_DIR: this.fleetDir,
      CRASH_SITES_FILE: this.sitesFile,
      CRASH_FLEET_PORT: String(this.fleetPort),
      CRASH_MINISTRY_ENDPOINTS: JSON.stringify(this.ministries.endpoints),
    });
    const ready = await this.fleet.waitFor('the fleet server to listen', 'ready');
    this.fleetPort = Number(new URL(ready.url!).port);
  }

  /** Starts the kiosk child (again) and waits until start-up recovery has settled what it left in flight. */
  async startKiosk(): Promise<void> {
    this.kiosk = new CrashChild('kiosk', 'kiosk-child.ts', {
      CRASH_KIOSK_ID: KIOSK_ID,
      CRASH_CREDENTIAL: this.credential,
      CRASH_FLEET_URL: `http://127.0.0.1:${this.fleetPort}`,
      CRASH_KIOSK_DATA_DIR: this.kioskDir,
      CRASH_TERMINAL_PORT: String(this.terminal.port),
      CRASH_PRINTER_PORT: String(this.printerPort),
    });
    await this.kiosk.waitFor('the kiosk to recover and be ready', 'ready');
  }

  get journalFile(): string {
    return path.join(this.kioskDir, `${KIOSK_ID}.transactions.db`);
  }

  get fleetDb(): string {
    return path.join(this.fleetDir, 'fleet.db');
  }

  get sources(): RecordSources {
    const sims = this.ministries.simulators;
    return {
      journalFile: this.journalFile,
      terminalFile: path.join(this.root, 'terminals', `${KIOSK_ID}.db`),
      fleetDb: this.fleetDb,
      ministries: {
        transportation: () => sims.vehicles.records(),
        health: () => sims.health.records(),
        'natural-resources': () => sims.outdoors.records(),
        'attorney-general': () => sims.fines['attorney-general'].records(),
        'city-ottawa': () => sims.fines['city-ottawa'].records(),
        'city-toronto': () => sims.fines['city-toronto'].records(),
      },
      outdoorsDropDir: this.ministries.endpoints['natural-resources'].dropDir,
    };
  }

  facts(): Map<string, TxFacts> {
    return collectFacts(this.sources);
  }

  /**
   * The operator's reconciliation (`guichet reconcile --data-dir`) over the real files: a data directory laid
   * out as its readers expect, made of links to the files each party wrote.
   */
  reconcile(): ReconciliationReport {
    const view = path.join(this.root, 'reconcile');
    fs.rmSync(view, { recursive: true, force: true });
    for (const dir of ['kiosks', 'terminals']) fs.mkdirSync(path.join(view, dir), { recursive: true });
    fs.symlinkSync(this.fleetDb, path.join(view, 'fleet.db'));
    fs.symlinkSync(this.journalFile, path.join(view, 'kiosks', `${KIOSK_ID}.transactions.db`));
    fs.symlinkSync(this.sources.terminalFile, path.join(view, 'terminals', `${KIOSK_ID}.db`));
    // The ministries' own folders as startMinistrySimulators wrote them: records, and Natural Resources' drop.
    fs.symlinkSync(path.join(this.root, 'ministries'), path.join(view, 'ministries'));
    return reconcileDataDir(view);
  }

  /** Natural Resources' nightly run: ingests the closed batch files of its drop directory. */
  runOutdoorsNightly(): void {
    this.nightly?.();
  }

  async close(): Promise<void> {
    await this.kiosk?.stop();
    await this.fleet?.stop();
    await this.terminal.close();
    await this.printer.close();
    await this.ministries.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
