// Reads the ministries' price list from its configuration file (GUICHET_PRICES_FILE), once at start-up:
// a missing or invalid file stops the server with a clear error rather than quoting wrong prices. Nothing
// defaults to the demo's prices: without a file no service is priced from a list (fines and free services are).
import fs from 'node:fs';
import { GuichetError, parsePriceList, type PriceList } from '@guichet/shared';

export const NO_PRICES: PriceList = parsePriceList({ currency: 'CAD', timezone: 'America/Toronto', prices: [] });

export function loadPriceListFile(file: string): PriceList {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GuichetError('PRICE_LIST_UNREADABLE', `cannot read the price list ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parsePriceList(data);
}
