// Line-numbered input errors of the `sla` command (docs/sla.md "bad input ... naming the file and line").
import { describe, expect, it } from 'vitest';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';

const GOOD = '{"at":"2026-11-01T10:00:00.000Z","kioskId":"K-1","type":"fault.cleared","faultId":"F1"}';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('parseEventsJsonl', () => {
  it('reads one event a line and skips blank lines', () => {
    expect(parseEventsJsonl(`${GOOD}\n\n${GOOD}\n`, 'e.jsonl')).toHaveLength(2);
  });
  it('names the file and line of a line that is not JSON', () => {
    expect(errorOf(() => parseEventsJsonl(`${GOOD}\n${GOOD}\n{"at": oops}\n`, 'e.jsonl'))).toMatchObject({
      code: 'SLA_BAD_JSON',
      message: expect.stringMatching(/^e\.jsonl:3: not a JSON object/) as unknown,
    });
  });
  it('names an unknown event type', () => {
    const line = GOOD.replace('fault.cleared', 'fault.exploded');
    expect(errorOf(() => parseEventsJsonl(`${GOOD}\n${line}`, 'e.jsonl'))).toMatchObject({
      code: 'SLA_UNKNOWN_EVENT_TYPE',
      message: expect.stringMatching(/^e\.jsonl:2: unknown event type "fault\.exploded"/) as unknown,
    });
  });
  it('names a missing field', () => {
    const line = GOOD.replace(',"faultId":"F1"', '');
    expect(errorOf(() => parseEventsJsonl(line, 'e.jsonl'))).toMatchObject({
      code: 'SLA_BAD_EVENT',
      message: expect.stringMatching(/^e\.jsonl:1: .*faultId/) as unknown,
    });
  });
});

const SITES = `{
  "sites": [
    { "id": "a", "timezone": "Europe/London", "hours": {} },
    {
      "id": "b",
      "timezone": "Europe/Lindon",
      "hours": {}
    },
    { "id": "c", "hours": {} }
  ],
  "kiosks": []
}`;

describe('parseSitesFile', () => {
  it('names the line of a site with a bad timezone', () => {
    expect(errorOf(() => parseSitesFile(SITES, 'sites.json'))).toMatchObject({
      code: 'SLA_BAD_TIMEZONE',
      message: 'sites.json:6: site b has a bad timezone "Europe/Lindon" (expected an IANA zone such as Europe/London)',
    });
  });
  it('names the line of a site with no timezone', () => {
    const text = SITES.replace('Europe/Lindon', 'Europe/Paris');
    expect(errorOf(() => parseSitesFile(text, 'sites.json'))).toMatchObject({
      code: 'SLA_BAD_TIMEZONE',
      message: 'sites.json:9: site c has no timezone',
    });
  });
  it('names the line of a syntax error', () => {
    expect(errorOf(() => parseSitesFile('{\n  "sites": [\n  ,\n]}', 'sites.json'))).toMatchObject({
      code: 'SLA_BAD_JSON',
      message: expect.stringMatching(/^sites\.json:3: not valid JSON/) as unknown,
    });
  });
  it('names a kiosk at an unknown site', () => {
    const text = '{"sites": [],\n "kiosks": [\n {"id": "K-1", "siteId": "nowhere"}\n]}';
    expect(errorOf(() => parseSitesFile(text, 'sites.json'))).toMatchObject({
      code: 'SLA_BAD_SITES',
      message: expect.stringMatching(/^sites\.json:3: kiosk K-1: .*unknown site nowhere/) as unknown,
    });
  });
});

describe('parseSitesFile syntax errors', () => {
  it('names the line of an unterminated file and of trailing garbage', () => {
    expect(errorOf(() => parseSitesFile('{\n  "sites": [],\n  "kiosks": [\n', 's.json')).message).toMatch(
      /^s\.json:4: /,
    );
    expect(errorOf(() => parseSitesFile('{\n  "sites": [],\n  "kiosks": []\n}\n}\n', 's.json')).message).toMatch(
      /^s\.json:5: /,
    );
    expect(errorOf(() => parseSitesFile('{\n  "sites": [],\n  "kiosks": [],\n}', 's.json')).message).toMatch(
      /^s\.json:4: /,
    );
  });
});
