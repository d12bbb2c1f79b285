// The AAMVA Issuer Identification Numbers (IIN) of every Canadian province and territory and every US state,
// the District of Columbia and the US territories, as AAMVA publishes them (cross-checked against two open-source
// parsers, see PROTOCOL.md). The IIN in a barcode header names the issuer; the country decides the date order.

export type IssuerCountry = 'CAN' | 'USA';

export interface Issuer {
  /** Postal abbreviation of the issuing province, territory or state. */
  readonly code: string;
  readonly name: string;
  readonly country: IssuerCountry;
}

const can = (code: string, name: string): Issuer => ({ code, name, country: 'CAN' });
const usa = (code: string, name: string): Issuer => ({ code, name, country: 'USA' });

export const AAMVA_ISSUERS: Readonly<Record<string, Issuer>> = {
  // Canada: 10 provinces, 3 territories.
  '604432': can('AB', 'Alberta'),
  '636028': can('BC', 'British Columbia'),
  '636048': can('MB', 'Manitoba'),
  '636017': can('NB', 'New Brunswick'),
  '636016': can('NL', 'Newfoundland and Labrador'),
  '636013': can('NS', 'Nova Scotia'),
  '636012': can('ON', 'Ontario'),
  '604426': can('PE', 'Prince Edward Island'),
  '604428': can('QC', 'Quebec'),
  '636044': can('SK', 'Saskatchewan'),
  '604434': can('NT', 'Northwest Territories'),
  '604433': can('NU', 'Nunavut'),
  '604429': can('YT', 'Yukon'),
  // United States: 50 states and the District of Columbia.
  '636033': usa('AL', 'Alabama'),
  '636059': usa('AK', 'Alaska'),
  '636026': usa('AZ', 'Arizona'),
  '636021': usa('AR', 'Arkansas'),
  '636014': usa('CA', 'California'),
  '636020': usa('CO', 'Colorado'),
  '636006': usa('CT', 'Connecticut'),
  '636011': usa('DE', 'Delaware'),
  '636043': usa('DC', 'District of Columbia'),
  '636010': usa('FL', 'Florida'),
  '636055': usa('GA', 'Georgia'),
  '636047': usa('HI', 'Hawaii'),
  '636050': usa('ID', 'Idaho'),
  '636035': usa('IL', 'Illinois'),
  '636037': usa('IN', 'Indiana'),
  '636018': usa('IA', 'Iowa'),
  '636022': usa('KS', 'Kansas'),
  '636046': usa('KY', 'Kentucky'),
  '636007': usa('LA', 'Louisiana'),
  '636041': usa('ME', 'Maine'),
  '636003': usa('MD', 'Maryland'),
  '636002': usa('MA', 'Massachusetts'),
  '636032': usa('MI', 'Michigan'),
  '636038': usa('MN', 'Minnesota'),
  '636051': usa('MS', 'Mississippi'),
  '636030': usa('MO', 'Missouri'),
  '636008': usa('MT', 'Montana'),
  '636054': usa('NE', 'Nebraska'),
  '636049': usa('NV', 'Nevada'),
  '636039': usa('NH', 'New Hampshire'),
  '636036': usa('NJ', 'New Jersey'),
  '636009': usa('NM', 'New Mexico'),
  '636001': usa('NY', 'New York'),
  '636004': usa('NC', 'North Carolina'),
  '636034': usa('ND', 'North Dakota'),
  '636023': usa('OH', 'Ohio'),
  '636058': usa('OK', 'Oklahoma'),
  '636029': usa('OR', 'Oregon'),
  '636025': usa('PA', 'Pennsylvania'),
  '636052': usa('RI', 'Rhode Island'),
  '636005': usa('SC', 'South Carolina'),
  '636042': usa('SD', 'South Dakota'),
  '636053': usa('TN', 'Tennessee'),
  '636015': usa('TX', 'Texas'),
  '636040': usa('UT', 'Utah'),
  '636024': usa('VT', 'Vermont'),
  '636000': usa('VA', 'Virginia'),
  '636045': usa('WA', 'Washington'),
  '636061': usa('WV', 'West Virginia'),
  '636031': usa('WI', 'Wisconsin'),
  '636060': usa('WY', 'Wyoming'),
  // US territories.
  '604427': usa('AS', 'American Samoa'),
  '636019': usa('GU', 'Guam'),
  '604430': usa('MP', 'Northern Mariana Islands'),
  '604431': usa('PR', 'Puerto Rico'),
  '636062': usa('VI', 'US Virgin Islands'),
};

export function issuerOf(iin: string): Issuer | undefined {
  return Object.prototype.hasOwnProperty.call(AAMVA_ISSUERS, iin) ? AAMVA_ISSUERS[iin] : undefined;
}
