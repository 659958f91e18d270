// Cities the farm's businesses are in, with the fictional phone ranges used there
// (US 555-0100..0199, Ofcom drama numbers in the UK, ACMA fictional numbers in Australia).
import type { Rng } from '../prng';
import type { Phone, PhoneCountry } from '../canonical/phone';
import type { Currency } from '../types';

export interface City {
  name: string;
  region: string;
  country: 'US' | 'GB' | 'AU' | 'SG' | 'JP' | 'FR' | 'NL' | 'DE' | 'ES' | 'AT' | 'PT';
  currency: Currency;
  /** Fictional phone range: area code + fixed exchange digits; the rest is drawn. */
  phone?: { country: PhoneCountry; area: string; exchange: string; free: number };
  postcode: (rng: Rng) => string;
}

const zip = (base: number) => (rng: Rng) => String(base + rng.int(0, 98)).padStart(5, '0');
const ukPost = (district: string) => (rng: Rng) => `${district}${rng.int(1, 9)} ${rng.int(1, 9)}${rng.pick(['AB', 'DF', 'HJ', 'LN', 'PQ', 'RT', 'UW', 'XY'])}`;
const auPost = (base: number) => (rng: Rng) => String(base + rng.int(0, 60));

function us(name: string, region: string, area: string, zipBase: number): City {
  return { name, region, country: 'US', currency: 'USD', phone: { country: 'US', area, exchange: '55501', free: 2 }, postcode: zip(zipBase) };
}

export const US_CITIES: City[] = [
  us('Austin', 'TX', '512', 78701),
  us('Denver', 'CO', '303', 80202),
  us('Seattle', 'WA', '206', 98101),
  us('Boston', 'MA', '617', 2108),
  us('Chicago', 'IL', '312', 60601),
  us('Portland', 'OR', '503', 97201),
  us('Columbus', 'OH', '614', 43201),
  us('Nashville', 'TN', '615', 37201),
  us('Atlanta', 'GA', '404', 30301),
  us('Phoenix', 'AZ', '602', 85001),
  us('San Diego', 'CA', '619', 92101),
  us('Minneapolis', 'MN', '612', 55401),
  us('Raleigh', 'NC', '919', 27601),
  us('Salt Lake City', 'UT', '801', 84101),
  us('Kansas City', 'MO', '816', 64101),
  us('Pittsburgh', 'PA', '412', 15201),
  us('Tampa', 'FL', '813', 33601),
  us('Sacramento', 'CA', '916', 95814),
  us('Madison', 'WI', '608', 53703),
  us('Boise', 'ID', '208', 83702),
  us('Richmond', 'VA', '804', 23219),
  us('Omaha', 'NE', '402', 68102),
  us('Tucson', 'AZ', '520', 85701),
  us('Albuquerque', 'NM', '505', 87101),
  us('Spokane', 'WA', '509', 99201),
  us('Asheville', 'NC', '828', 28801),
  us('Savannah', 'GA', '912', 31401),
  us('Burlington', 'VT', '802', 5401),
  us('Ann Arbor', 'MI', '734', 48104),
  us('Chattanooga', 'TN', '423', 37402),
];

export const UK_CITIES: City[] = [
  { name: 'London', region: 'Greater London', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '20', exchange: '79460', free: 3 }, postcode: ukPost('SE') },
  { name: 'Manchester', region: 'Greater Manchester', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '161', exchange: '4960', free: 3 }, postcode: ukPost('M') },
  { name: 'Birmingham', region: 'West Midlands', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '121', exchange: '4960', free: 3 }, postcode: ukPost('B') },
  { name: 'Leeds', region: 'West Yorkshire', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '113', exchange: '4960', free: 3 }, postcode: ukPost('LS') },
  { name: 'Bristol', region: 'Bristol', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '117', exchange: '4960', free: 3 }, postcode: ukPost('BS') },
  { name: 'Edinburgh', region: 'Scotland', country: 'GB', currency: 'GBP', phone: { country: 'GB', area: '131', exchange: '4960', free: 3 }, postcode: ukPost('EH') },
];

export const AU_CITIES: City[] = [
  { name: 'Sydney', region: 'NSW', country: 'AU', currency: 'AUD', phone: { country: 'AU', area: '2', exchange: '5550', free: 4 }, postcode: auPost(2000) },
  { name: 'Melbourne', region: 'VIC', country: 'AU', currency: 'AUD', phone: { country: 'AU', area: '3', exchange: '7010', free: 4 }, postcode: auPost(3000) },
  { name: 'Brisbane', region: 'QLD', country: 'AU', currency: 'AUD', phone: { country: 'AU', area: '7', exchange: '5550', free: 4 }, postcode: auPost(4000) },
  { name: 'Perth', region: 'WA', country: 'AU', currency: 'AUD', phone: { country: 'AU', area: '8', exchange: '5550', free: 4 }, postcode: auPost(6000) },
];

const plainPost = (rng: Rng) => String(rng.int(10000, 99999));

/** Destinations for attractions (prices only; no phones are shown for these). */
export const TOURIST_CITIES: City[] = [
  ...US_CITIES.slice(0, 12),
  { name: 'Singapore', region: 'Singapore', country: 'SG', currency: 'SGD', postcode: plainPost },
  { name: 'Tokyo', region: 'Tokyo', country: 'JP', currency: 'JPY', postcode: plainPost },
  { name: 'Osaka', region: 'Osaka', country: 'JP', currency: 'JPY', postcode: plainPost },
  { name: 'Kyoto', region: 'Kyoto', country: 'JP', currency: 'JPY', postcode: plainPost },
  { name: 'Paris', region: 'Île-de-France', country: 'FR', currency: 'EUR', postcode: plainPost },
  { name: 'Amsterdam', region: 'North Holland', country: 'NL', currency: 'EUR', postcode: plainPost },
  { name: 'Berlin', region: 'Berlin', country: 'DE', currency: 'EUR', postcode: plainPost },
  { name: 'Barcelona', region: 'Catalonia', country: 'ES', currency: 'EUR', postcode: plainPost },
  { name: 'Vienna', region: 'Vienna', country: 'AT', currency: 'EUR', postcode: plainPost },
  { name: 'Lisbon', region: 'Lisbon', country: 'PT', currency: 'EUR', postcode: plainPost },
  ...UK_CITIES.slice(0, 3),
  ...AU_CITIES.slice(0, 2),
];

export const US_STATES = ['Oregon', 'Montana', 'Kansas', 'Georgia', 'Ohio', 'Texas', 'Iowa', 'Nevada', 'Kentucky', 'Colorado', 'Idaho', 'Arkansas', 'Nebraska', 'Virginia', 'Michigan', 'Wisconsin', 'Alabama', 'Tennessee', 'Missouri', 'Indiana'];
export const US_STATE_CODES: Record<string, string> = {
  Oregon: 'OR', Montana: 'MT', Kansas: 'KS', Georgia: 'GA', Ohio: 'OH', Texas: 'TX', Iowa: 'IA', Nevada: 'NV', Kentucky: 'KY', Colorado: 'CO',
  Idaho: 'ID', Arkansas: 'AR', Nebraska: 'NE', Virginia: 'VA', Michigan: 'MI', Wisconsin: 'WI', Alabama: 'AL', Tennessee: 'TN', Missouri: 'MO', Indiana: 'IN',
};
/** Area codes used for county and agency phones (numbers are always 555-01xx). */
export const STATE_AREA_CODES: Record<string, string[]> = {
  Oregon: ['541', '503'], Montana: ['406'], Kansas: ['785', '620'], Georgia: ['706', '912'], Ohio: ['740', '419'], Texas: ['325', '432', '903'],
  Iowa: ['319', '712'], Nevada: ['775'], Kentucky: ['606', '270'], Colorado: ['719', '970'], Idaho: ['208'], Arkansas: ['870', '479'],
  Nebraska: ['308', '402'], Virginia: ['276', '540'], Michigan: ['989', '906'], Wisconsin: ['715', '920'], Alabama: ['256', '334'],
  Tennessee: ['731', '931'], Missouri: ['417', '573'], Indiana: ['812', '574'],
};

export const STREETS = ['Main St', 'Oak Ave', 'Elm St', 'Congress Ave', 'Market St', 'Water St', 'Pine St', 'Maple Ave', 'Broadway', 'Mill Rd', 'Union St', 'Cedar Ln', 'Lake St', 'Grand Ave', 'High St', 'Church St', 'Station Rd', 'King St', 'Queen St', 'Park Rd'];

/** Draws phone numbers in a city's fictional range, never the same number twice for one site. */
export class PhoneBook {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  draw(range: { country: PhoneCountry; area: string; exchange: string; free: number }): Phone {
    for (;;) {
      const tail = String(this.rng.int(0, 10 ** range.free - 1)).padStart(range.free, '0');
      const national = `${range.area}${range.exchange}${tail}`;
      if (this.used.has(national)) continue;
      this.used.add(national);
      return { country: range.country, national, areaLength: range.area.length };
    }
  }

  /** A US number 555-01xx in the given area code. */
  us(area: string): Phone {
    return this.draw({ country: 'US', area, exchange: '55501', free: 2 });
  }
}
