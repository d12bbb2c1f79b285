// The form each service asks for, mirroring its TxDetails (shared/src/protocol/transactions.ts), and the
// assembly of the flat form values into TxDetails — validated by that shared schema, so the UI needs no rule.
import { TxDetails } from '@guichet/shared/protocol/transactions';
import type { ServiceId } from '@guichet/shared/catalog/services';
import { FIELD_NAMES, type FieldName, type FieldSpec, type FieldValues } from './screen-protocol';

const licence: FieldSpec = { name: 'licenceNumber', kind: 'licence', required: true, maxLength: 17 };
const PROVINCES = ['ON', 'QC', 'MB', 'NB', 'NS', 'PE', 'NL', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];

export const SERVICE_FORMS: Record<ServiceId, FieldSpec[]> = {
  'vehicle-sticker-renewal': [{ name: 'plate', kind: 'plate', required: true, maxLength: 8 }, licence],
  'driver-record-abstract': [licence],
  'personalized-plates': [{ name: 'plateText', kind: 'plate', required: true, maxLength: 8 }, licence],
  'change-of-address': [
    licence,
    { name: 'healthCardNumber', kind: 'health-card', required: true, maxLength: 12 },
    { name: 'outdoorsCardNumber', kind: 'outdoors-card', required: false, maxLength: 15 },
    { name: 'street', kind: 'text', required: true, maxLength: 60 },
    { name: 'unit', kind: 'text', required: false, maxLength: 10 },
    { name: 'city', kind: 'text', required: true, maxLength: 40 },
    { name: 'province', kind: 'choice', required: true, maxLength: 2, options: PROVINCES },
    { name: 'postalCode', kind: 'postal-code', required: true, maxLength: 7 },
  ],
  'fines-and-parking-tickets': [
    {
      name: 'issuer',
      kind: 'choice',
      required: true,
      maxLength: 20,
      options: ['attorney-general', 'city-ottawa', 'city-toronto'],
    },
    { name: 'ticketNumber', kind: 'ticket', required: true, maxLength: 20 },
  ],
  'outdoors-card-renewal': [{ name: 'outdoorsCardNumber', kind: 'outdoors-card', required: true, maxLength: 15 }],
};

/** Initial values a form starts with (a choice with an obvious default). */
export const FORM_DEFAULTS: Partial<Record<ServiceId, FieldValues>> = { 'change-of-address': { province: 'ON' } };

export type DetailsResult = { ok: true; details: TxDetails } | { ok: false; invalid: FieldName[] };

const ADDRESS_FIELDS: readonly FieldName[] = ['street', 'unit', 'city', 'province', 'postalCode'];

/** Builds the service's TxDetails from the form, or names the fields the shared schema refuses. */
export function detailsFromForm(serviceId: ServiceId, values: FieldValues): DetailsResult {
  const form = SERVICE_FORMS[serviceId];
  const present = (name: FieldName) => {
    const value = values[name]?.trim();
    return value ? value : undefined;
  };
  const candidate: Record<string, unknown> = { serviceId };
  const address: Record<string, unknown> = {};
  for (const field of form) {
    const value = present(field.name);
    if (value === undefined) continue;
    if (ADDRESS_FIELDS.includes(field.name)) address[field.name] = value;
    else candidate[field.name] = value;
  }
  if (form.some((f) => ADDRESS_FIELDS.includes(f.name))) candidate.newAddress = address;
  const parsed = TxDetails.safeParse(candidate);
  if (parsed.success) return { ok: true, details: parsed.data };
  const invalid = new Set<FieldName>();
  for (const problem of parsed.error.issues) {
    const name = problem.path[problem.path.length - 1];
    if ((FIELD_NAMES as readonly unknown[]).includes(name) && form.some((f) => f.name === name)) {
      invalid.add(name as FieldName);
    } else if (problem.path[0] === 'newAddress' && problem.path.length === 1) {
      for (const f of ADDRESS_FIELDS) if (form.some((s) => s.name === f && s.required) && !present(f)) invalid.add(f);
    }
  }
  // A required field left empty is reported even when zod stopped at another problem first.
  for (const field of form) if (field.required && !present(field.name)) invalid.add(field.name);
  return { ok: false, invalid: [...invalid] };
}

/** The form values back from details (to edit them after seeing the quote). */
export function formFromDetails(details: TxDetails): FieldValues {
  const { serviceId: _serviceId, ...rest } = details;
  const values: FieldValues = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'newAddress' && typeof value === 'object' && value) {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') values[k as FieldName] = v;
    } else if (typeof value === 'string') values[key as FieldName] = value;
  }
  return values;
}
