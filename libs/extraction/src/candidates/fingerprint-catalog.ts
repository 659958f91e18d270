// Technologies recognisable from a page's markup: the hosts their scripts, iframes, order links
// and assets come from, the generator they write, and the "Powered by" badges they leave.
// Names are what users put in enum columns ("Toast", "Square", "Mindbody").

export type TechnologyCategory =
  | 'pos'
  | 'online-ordering'
  | 'delivery'
  | 'reservations'
  | 'fitness-booking'
  | 'scheduling'
  | 'website-builder'
  | 'ecommerce'
  | 'cms'
  | 'payments';

export interface Technology {
  name: string;
  /** Other spellings users write in enum values. */
  aliases: readonly string[];
  categories: readonly TechnologyCategory[];
  /** Registrable domains or host suffixes. */
  hosts: readonly string[];
  /** Matches a <meta name="generator"> value. */
  generator?: RegExp;
}

export const TECHNOLOGIES: readonly Technology[] = [
  { name: 'Toast', aliases: ['Toast POS', 'ToastTab'], categories: ['pos', 'online-ordering'], hosts: ['toasttab.com', 'toast.restaurant', 'toastweb.com', 'toasttab.io'] },
  { name: 'Square', aliases: ['Square POS', 'Square for Restaurants', 'Square Online'], categories: ['pos', 'online-ordering', 'payments', 'website-builder'], hosts: ['squareup.com', 'square.site', 'squarecdn.com', 'square.online', 'squareupsandbox.com'] },
  { name: 'Clover', aliases: ['Clover POS'], categories: ['pos', 'online-ordering'], hosts: ['clover.com', 'cloverstatic.com', 'clover.biz'] },
  { name: 'Lightspeed', aliases: ['Lightspeed POS', 'Lightspeed Restaurant', 'Upserve'], categories: ['pos', 'online-ordering', 'ecommerce'], hosts: ['lightspeedhq.com', 'lightspeedapp.com', 'lsk.lightspeed.app', 'lightspeed.app', 'ikentoo.com', 'upserve.com', 'shopkeepapp.com'] },
  { name: 'SpotOn', aliases: ['Spot On', 'SpotOn POS'], categories: ['pos', 'online-ordering', 'reservations'], hosts: ['spoton.com', 'spotonteams.com', 'spoton.io'] },
  { name: 'Revel', aliases: ['Revel Systems', 'Revel POS'], categories: ['pos'], hosts: ['revelsystems.com', 'revelup.com'] },
  { name: 'TouchBistro', aliases: ['Touch Bistro'], categories: ['pos', 'online-ordering'], hosts: ['touchbistro.com', 'tbdine.com'] },
  { name: 'NCR Aloha', aliases: ['Aloha', 'NCR', 'NCR Voyix'], categories: ['pos'], hosts: ['ncr.com', 'ncrvoyix.com', 'alohaorderonline.com', 'ncrsilver.com'] },
  { name: 'Heartland', aliases: ['Heartland POS', 'Genius'], categories: ['pos', 'payments'], hosts: ['heartland.us', 'heartlandpaymentsystems.com', 'heartlandrestaurant.com'] },
  { name: 'SkyTab', aliases: ['Shift4', 'Shift4 SkyTab'], categories: ['pos'], hosts: ['shift4.com', 'skytab.com', 'skytabpos.com'] },
  { name: 'Lavu', aliases: ['Lavu POS'], categories: ['pos'], hosts: ['lavu.com'] },
  { name: 'PAR Brink', aliases: ['Brink', 'Brink POS', 'PAR'], categories: ['pos'], hosts: ['brinkpos.net', 'partech.com'] },
  { name: 'Oracle MICROS', aliases: ['MICROS', 'Oracle Simphony'], categories: ['pos'], hosts: ['micros.com'] },
  { name: 'HungerRush', aliases: ['Hunger Rush', 'Revention'], categories: ['pos', 'online-ordering'], hosts: ['hungerrush.com'] },
  { name: 'Epos Now', aliases: ['EposNow'], categories: ['pos'], hosts: ['eposnow.com'] },
  { name: 'Olo', aliases: [], categories: ['online-ordering'], hosts: ['olo.com', 'olocdn.net'] },
  { name: 'ChowNow', aliases: ['Chow Now'], categories: ['online-ordering'], hosts: ['chownow.com', 'ordering.chownow.com'] },
  { name: 'Popmenu', aliases: ['Pop Menu'], categories: ['online-ordering', 'website-builder'], hosts: ['popmenu.com', 'popmenucloud.com'] },
  { name: 'BentoBox', aliases: ['Bento Box'], categories: ['website-builder', 'online-ordering'], hosts: ['getbento.com', 'bentobox.com'] },
  { name: 'Owner.com', aliases: ['Owner'], categories: ['online-ordering', 'website-builder'], hosts: ['owner.com'] },
  { name: 'GloriaFood', aliases: ['Gloria Food'], categories: ['online-ordering'], hosts: ['gloriafood.com', 'fbgcdn.com'] },
  { name: 'Menufy', aliases: [], categories: ['online-ordering'], hosts: ['menufy.com'] },
  { name: 'Slice', aliases: [], categories: ['online-ordering'], hosts: ['slicelife.com'] },
  { name: 'DoorDash', aliases: ['Door Dash'], categories: ['delivery', 'online-ordering'], hosts: ['doordash.com'] },
  { name: 'Grubhub', aliases: ['Grub Hub', 'Seamless'], categories: ['delivery'], hosts: ['grubhub.com', 'seamless.com'] },
  { name: 'Uber Eats', aliases: ['UberEats'], categories: ['delivery'], hosts: ['ubereats.com'] },
  { name: 'OpenTable', aliases: ['Open Table'], categories: ['reservations'], hosts: ['opentable.com', 'otstatic.com'] },
  { name: 'Resy', aliases: [], categories: ['reservations'], hosts: ['resy.com'] },
  { name: 'Tock', aliases: ['Explore Tock'], categories: ['reservations'], hosts: ['exploretock.com', 'tock.com'] },
  { name: 'SevenRooms', aliases: ['Seven Rooms'], categories: ['reservations'], hosts: ['sevenrooms.com'] },
  { name: 'Mindbody', aliases: ['MINDBODY', 'Mind Body'], categories: ['fitness-booking'], hosts: ['mindbodyonline.com', 'healcode.com', 'mindbody.io', 'mindbody.com'] },
  { name: 'ClassPass', aliases: ['Class Pass'], categories: ['fitness-booking'], hosts: ['classpass.com'] },
  { name: 'Zen Planner', aliases: ['ZenPlanner'], categories: ['fitness-booking'], hosts: ['zenplanner.com'] },
  { name: 'Glofox', aliases: [], categories: ['fitness-booking'], hosts: ['glofox.com'] },
  { name: 'Mariana Tek', aliases: ['MarianaTek'], categories: ['fitness-booking'], hosts: ['marianatek.com', 'marianaiframes.com'] },
  { name: 'WellnessLiving', aliases: ['Wellness Living'], categories: ['fitness-booking'], hosts: ['wellnessliving.com'] },
  { name: 'Pike13', aliases: ['Pike 13'], categories: ['fitness-booking'], hosts: ['pike13.com'] },
  { name: 'Wodify', aliases: [], categories: ['fitness-booking'], hosts: ['wodify.com'] },
  { name: 'Vagaro', aliases: [], categories: ['fitness-booking', 'scheduling'], hosts: ['vagaro.com'] },
  { name: 'Momence', aliases: [], categories: ['fitness-booking'], hosts: ['momence.com'] },
  { name: 'PushPress', aliases: ['Push Press'], categories: ['fitness-booking'], hosts: ['pushpress.com'] },
  { name: 'TeamUp', aliases: ['Team Up'], categories: ['fitness-booking'], hosts: ['goteamup.com'] },
  { name: 'Acuity Scheduling', aliases: ['Acuity'], categories: ['scheduling'], hosts: ['acuityscheduling.com'] },
  { name: 'Calendly', aliases: [], categories: ['scheduling'], hosts: ['calendly.com'] },
  { name: 'Shopify', aliases: [], categories: ['ecommerce', 'website-builder'], hosts: ['shopify.com', 'myshopify.com', 'shopifycdn.com', 'shopifysvc.com'], generator: /shopify/i },
  { name: 'WooCommerce', aliases: ['Woo'], categories: ['ecommerce'], hosts: [], generator: /woocommerce/i },
  { name: 'BigCommerce', aliases: ['Big Commerce'], categories: ['ecommerce'], hosts: ['bigcommerce.com'] },
  { name: 'Magento', aliases: ['Adobe Commerce'], categories: ['ecommerce'], hosts: [], generator: /magento/i },
  { name: 'Wix', aliases: [], categories: ['website-builder'], hosts: ['wix.com', 'wixstatic.com', 'parastorage.com', 'wixsite.com'], generator: /wix\.com/i },
  { name: 'Squarespace', aliases: ['Square Space'], categories: ['website-builder'], hosts: ['squarespace.com', 'sqspcdn.com', 'squarespace-cdn.com'], generator: /squarespace/i },
  { name: 'Weebly', aliases: [], categories: ['website-builder'], hosts: ['weebly.com', 'editmysite.com'], generator: /weebly/i },
  { name: 'Webflow', aliases: [], categories: ['website-builder'], hosts: ['webflow.com', 'website-files.com', 'webflow.io'], generator: /webflow/i },
  { name: 'GoDaddy', aliases: ['GoDaddy Website Builder'], categories: ['website-builder'], hosts: ['wsimg.com', 'godaddysites.com'], generator: /go\s?daddy|starfield/i },
  { name: 'Duda', aliases: [], categories: ['website-builder'], hosts: ['multiscreensite.com', 'dudaone.com'] },
  { name: 'WordPress', aliases: ['WP'], categories: ['cms'], hosts: ['wordpress.com', 'wp.com'], generator: /wordpress/i },
  { name: 'Drupal', aliases: [], categories: ['cms'], hosts: [], generator: /drupal/i },
  { name: 'Joomla', aliases: [], categories: ['cms'], hosts: [], generator: /joomla/i },
  { name: 'Stripe', aliases: [], categories: ['payments'], hosts: ['stripe.com', 'stripe.network'] },
  { name: 'PayPal', aliases: ['Pay Pal'], categories: ['payments'], hosts: ['paypal.com', 'paypalobjects.com'] },
];

const CATEGORY_WORDS: Record<TechnologyCategory, string> = {
  pos: 'pos point of sale system provider',
  'online-ordering': 'online ordering platform system provider',
  delivery: 'delivery online ordering platform',
  reservations: 'reservation booking platform system',
  'fitness-booking': 'booking scheduling software platform system',
  scheduling: 'scheduling booking software platform',
  'website-builder': 'website builder platform cms',
  ecommerce: 'ecommerce platform shop system',
  cms: 'cms platform website system',
  payments: 'payment processor provider system',
};

export function categoryWords(technology: Technology): string {
  return technology.categories.map((c) => CATEGORY_WORDS[c]).join(' ');
}

/**
 * The catalog entry for a host ("order.toasttab.com" → Toast). The vendor domain must appear as
 * whole labels: a suffix, or inside a proxied/mirrored host ("order.toasttab.com.cdn.example").
 */
export function technologyForHost(host: string): Technology | undefined {
  const lower = `.${host.toLowerCase().replace(/\.$/, '')}.`;
  return TECHNOLOGIES.find((tech) => tech.hosts.some((h) => lower.includes(`.${h}.`)));
}

/** Technologies whose name or alias is written as whole words in the text. */
export function technologiesNamedIn(text: string): Technology[] {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9.]+/g, ' ')} `;
  return TECHNOLOGIES.filter((tech) =>
    [tech.name, ...tech.aliases].some((name) => lower.includes(` ${name.toLowerCase().replace(/[^a-z0-9.]+/g, ' ').trim()} `)),
  );
}

const HOST_TO_TECH = new Map<string, Technology>();
for (const tech of TECHNOLOGIES) for (const host of tech.hosts) HOST_TO_TECH.set(host, tech);

/** One pass over a script's text for every vendor domain (cheap on big minified bundles). */
const ANY_VENDOR_HOST = new RegExp(
  `(?<![a-z0-9-])(${[...HOST_TO_TECH.keys()].sort((a, b) => b.length - a.length).map((h) => h.replace(/\./g, '\\.')).join('|')})(?![a-z0-9-])`,
  'gi',
);

export function technologiesMentionedInCode(code: string): Map<Technology, string> {
  const found = new Map<Technology, string>();
  ANY_VENDOR_HOST.lastIndex = 0;
  for (let m = ANY_VENDOR_HOST.exec(code); m; m = ANY_VENDOR_HOST.exec(code)) {
    const tech = HOST_TO_TECH.get(m[1].toLowerCase());
    if (tech && !found.has(tech)) found.set(tech, m[1]);
  }
  return found;
}
