// `npm run ui:demo`: the citizen touch UI over the FAKE transaction desk (a test double: no hub, no
// ministry, no terminal), with the terminal's prompts walking by themselves, to try the screens in a browser.
import { pino } from 'pino';
import { FakeTransactionDesk } from '../test-support/fake-transaction-desk';
import { realTimers } from './screen-controller';
import { idleMsFromEnv, startUiBridge } from './ui-bridge';

const desk = new FakeTransactionDesk({ autoTerminal: { timers: realTimers, stepMs: 2500 } });
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const bridge = await startUiBridge({
  desk,
  port: Number(process.env.PORT ?? 8090),
  idleMs: idleMsFromEnv(process.env),
  alternatives: [
    {
      name: { en: 'ServiceOntario, Rideau Centre', fr: 'ServiceOntario, Centre Rideau' },
      address: '50 Rideau St, Ottawa',
      distanceKm: 1.2,
    },
  ],
  onSurvey: (record) => log.info({ survey: record }, 'survey answered'),
  log,
});
log.info({ url: bridge.url }, 'citizen UI demo (fake desk) — open this URL');
process.on('SIGINT', () => {
  void bridge.close().then(() => process.exit(0));
});
