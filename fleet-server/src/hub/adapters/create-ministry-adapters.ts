// One adapter per ministry id, from the configured endpoints: vehicles → transportation, health → health,
// outdoors → natural-resources, fines → one per issuer (attorney-general, city-ottawa, city-toronto).
import type { MinistryId } from '@guichet/shared';
import type { MinistryAdapter } from '../ministry-adapter';
import type { AdapterOptions } from './adapter-options';
import { FinesAdapter } from './fines-adapter';
import { HealthAdapter } from './health-adapter';
import { MinistryEndpoints } from './ministry-endpoints';
import { OutdoorsAdapter, type OutdoorsAdapterOptions } from './outdoors-adapter';
import { VehiclesAdapter } from './vehicles-adapter';

export function createMinistryAdapters(
  endpoints: MinistryEndpoints,
  options: OutdoorsAdapterOptions & AdapterOptions = {},
): Map<MinistryId, MinistryAdapter> {
  const e = MinistryEndpoints.parse(endpoints);
  const adapters: MinistryAdapter[] = [
    new VehiclesAdapter(e.transportation, options),
    new HealthAdapter(e.health, options),
    new OutdoorsAdapter(e['natural-resources'], options),
    new FinesAdapter('attorney-general', e['attorney-general'], options),
    new FinesAdapter('city-ottawa', e['city-ottawa'], options),
    new FinesAdapter('city-toronto', e['city-toronto'], options),
  ];
  return new Map(adapters.map((adapter) => [adapter.ministryId, adapter]));
}
