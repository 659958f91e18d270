// County government contacts (the sheriff/coroner job): sheriff and coroner names and office
// phones, often on a department subpage, among undersheriffs, deputy coroners, clerks,
// commissioners, dispatch and jail lines, fax numbers and the county switchboard.
import { canonicalPhone, displayPhone, telHref, type Phone } from '../canonical/phone';
import { jsonLdScript, type Item } from '../html/blocks';
import { cookieBanner, footerColumns, legalLine } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { esc } from '../html/escape';
import { FONTS } from '../html/theme';
import type { PageResponse, PrimaryMarkup, Site } from '../types';
import { drawPeople } from '../vocab/people';
import { PhoneBook, STATE_AREA_CODES, US_STATES } from '../vocab/places';
import { drawPresentation, headingMarkup, isAt, markupList, section, templateByName, type Presentation, type TemplateDef } from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html, json } from './responses';
import { renderSection, sectionPayload, type Section } from './section';

const TEMPLATES: TemplateDef[] = [
  { name: 'gov-portal', shell: 'portal', font: FONTS.sans, headingFont: FONTS.serif, background: '#f1f3f5', text: '#1b1b1b', radius: 0, cookies: ['none', 'top'], visible: ['table', 'dl'], clientLayouts: ['table'], apiBase: '/api/directory' },
  { name: 'small-county-classic', shell: 'classic', font: FONTS.serif, headingFont: FONTS.serif, background: '#fffef5', text: '#222', radius: 0, cookies: ['none'], visible: ['table', 'list'], clientLayouts: ['table', 'list'], apiBase: '/cgi-bin/dir' },
  { name: 'modern-civic', shell: 'hero', font: FONTS.humanist, headingFont: FONTS.sans, background: '#111', text: '#fff', radius: 12, cookies: ['bar', 'box'], visible: ['cards'], clientLayouts: ['cards'], apiBase: '/civic/api/v1/offices' },
  { name: 'directory-heavy', shell: 'sidebar', font: FONTS.wide, headingFont: FONTS.wide, background: '#fff', text: '#222', radius: 4, cookies: ['top', 'none'], visible: ['dl', 'table'], clientLayouts: ['list', 'table'], apiBase: '/staff/json' },
  { name: 'news-portal', shell: 'magazine', font: FONTS.serif, headingFont: FONTS.book, background: '#fff', text: '#222', radius: 0, cookies: ['bar', 'modal'], visible: ['list', 'prose'], clientLayouts: ['list'], apiBase: '/news/api/departments' },
];

const COUNTY_BASES = ['Alder', 'Bellweather', 'Cold Spring', 'Dunmore', 'Eastbrook', 'Fallon', 'Granite', 'Hollis', 'Iron Ridge', 'Juniper', 'Kettle', 'Larkin', 'Marrow', 'Northfork', 'Oxbow', 'Pelham', 'Quarry', 'Redstone', 'Sable', 'Tamarack', 'Umber', 'Vail', 'Willow Creek', 'Yarrow', 'Ashby', 'Briar', 'Coldwater', 'Deer Lodge', 'Elkhorn', 'Foxhall'];

interface CountyFacts {
  def: TemplateDef;
  pres: Presentation;
  kind: PrimaryMarkup;
  county: string;
  state: string;
  seat: string;
  sheriff: string;
  undersheriff: string;
  coroner: string;
  deputyCoroner: string;
  clerk: string;
  commissioners: string[];
  treasurer: string;
  sheriffPhone: Phone;
  dispatch: Phone;
  jail: Phone;
  sheriffFax: Phone;
  coronerPhone: Phone;
  coronerFax: Phone;
  switchboard: Phone;
  clerkPhone: Phone;
  sheriffAt: string;
  coronerAt: string;
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const state = rng.pick(US_STATES);
  const area = rng.pick(STATE_AREA_CODES[state] ?? ['555']);
  const book = new PhoneBook(rng);
  const [sheriff, undersheriff, coroner, deputyCoroner, clerk, treasurer, ...commissioners] = drawPeople(rng, 9, true) as [string, string, string, string, string, string, ...string[]];
  const county = `${rng.pick(COUNTY_BASES)} County`;
  // Several offices on one directory page, or each on its own department page: both are common.
  const placement = ctx.forceHome ? 'home' : rng.pick(['home', 'departments', 'departments', 'directory']);
  const sheriffAt = placement === 'home' ? 'home' : placement === 'directory' ? '/directory' : '/departments/sheriff';
  const coronerAt = placement === 'home' ? 'home' : placement === 'directory' ? '/directory' : '/departments/coroner';
  const facts: CountyFacts = {
    def,
    pres,
    kind: ctx.kind,
    county,
    state,
    seat: rng.pick(['Millbrook', 'Fairview', 'Georgetown', 'Riverton', 'Salem', 'Clinton', 'Franklin', 'Greenville', 'Madison', 'Springfield']),
    sheriff,
    undersheriff,
    coroner,
    deputyCoroner,
    clerk,
    commissioners,
    treasurer,
    sheriffPhone: book.us(area),
    dispatch: book.us(area),
    jail: book.us(area),
    sheriffFax: book.us(area),
    coronerPhone: book.us(area),
    coronerFax: book.us(area),
    switchboard: book.us(area),
    clerkPhone: book.us(area),
    sheriffAt,
    coronerAt,
  };
  const fieldLocations = { county_name: 'home', sheriff_name: sheriffAt, sheriff_phone: sheriffAt, coroner_name: coronerAt, coroner_phone: coronerAt };
  const fieldMarkup: Record<string, PrimaryMarkup> = { county_name: headingMarkup(ctx.kind), sheriff_name: ctx.kind, sheriff_phone: ctx.kind, coroner_name: ctx.kind, coroner_phone: ctx.kind };
  return {
    name: `${county} ${state}`,
    entryPath: '/',
    facts,
    fields: { county_name: county, sheriff_name: sheriff, sheriff_phone: canonicalPhone(facts.sheriffPhone), coroner_name: coroner, coroner_phone: canonicalPhone(facts.coronerPhone) },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'county_name'),
  };
}

function phoneItem(f: CountyFacts, label: string, phone: Phone, sentence: string, col?: string): Item {
  return { col, label, value: displayPhone(phone, f.pres.phoneStyle), href: telHref(phone), sem: { kind: 'telephone' }, sentence };
}

function sheriffSection(f: CountyFacts): Section {
  const items: Item[] = [
    { col: 'sheriff_name', label: 'Sheriff', value: f.sheriff, sem: { kind: 'person', jobTitle: 'Sheriff' }, sentence: `The Sheriff's Office is led by Sheriff {value}, elected in 2022.` },
    { label: f.def.name === 'gov-portal' ? 'Undersheriff' : 'Chief Deputy', value: f.undersheriff, sem: { kind: 'person', jobTitle: 'Undersheriff' }, sentence: 'Day-to-day operations are overseen by {value}.' },
    phoneItem(f, 'Administration (main office)', f.sheriffPhone, 'For records, permits and general questions call the main office at {value}.', 'sheriff_phone'),
    phoneItem(f, 'Dispatch (non-emergency)', f.dispatch, 'To report a non-emergency, call dispatch at {value}; in an emergency always dial 911.'),
    phoneItem(f, 'Detention Center', f.jail, 'Inmate information is available from the detention center at {value}.'),
    { label: 'Fax', value: displayPhone(f.sheriffFax, f.pres.phoneStyle), sem: { kind: 'faxNumber' }, sentence: 'Records requests may be faxed to {value}.' },
  ];
  return section(f.pres, f.def.apiBase, f.kind, {
    id: 'sheriff',
    heading: `${f.county} Sheriff's Office`,
    items,
    headers: ['', ''],
    loadingText: 'Loading directory…',
    scope: { type: 'GovernmentOffice', name: `${f.county} Sheriff's Office` },
  });
}

function coronerSection(f: CountyFacts): Section {
  const items: Item[] = [
    { col: 'coroner_name', label: 'Coroner', value: f.coroner, sem: { kind: 'person', jobTitle: 'Coroner' }, sentence: 'The office of the Coroner is held by {value}.' },
    { label: 'Deputy Coroner', value: f.deputyCoroner, sem: { kind: 'person', jobTitle: 'Deputy Coroner' }, sentence: 'Deputy Coroner {value} assists with investigations.' },
    phoneItem(f, 'Coroner\'s office', f.coronerPhone, 'The coroner\'s office can be reached at {value}.', 'coroner_phone'),
    { label: 'Fax', value: displayPhone(f.coronerFax, f.pres.phoneStyle), sem: { kind: 'faxNumber' }, sentence: 'Send death certificate paperwork by fax to {value}.' },
  ];
  return section(f.pres, f.def.apiBase, f.kind, {
    id: 'coroner',
    heading: 'Coroner',
    intro: 'The Coroner investigates sudden, unexpected or violent deaths and issues death certificates.',
    items,
    headers: ['', ''],
    loadingText: 'Loading directory…',
    scope: { type: 'GovernmentOffice', name: `${f.county} Coroner` },
  });
}

function jsonLd(f: CountyFacts, withSheriff: boolean, withCoroner: boolean): string {
  const departments: unknown[] = [];
  if (withSheriff)
    departments.push({
      '@type': 'GovernmentOffice',
      name: `${f.county} Sheriff's Office`,
      telephone: displayPhone(f.sheriffPhone, 3),
      faxNumber: displayPhone(f.sheriffFax, 3),
      employee: [
        { '@type': 'Person', name: f.sheriff, jobTitle: 'Sheriff' },
        { '@type': 'Person', name: f.undersheriff, jobTitle: 'Undersheriff' },
      ],
    });
  if (withCoroner)
    departments.push({
      '@type': 'GovernmentOffice',
      name: `${f.county} Coroner`,
      telephone: displayPhone(f.coronerPhone, 3),
      employee: [
        { '@type': 'Person', name: f.coroner, jobTitle: 'Coroner' },
        { '@type': 'Person', name: f.deputyCoroner, jobTitle: 'Deputy Coroner' },
      ],
    });
  return jsonLdScript({ '@context': 'https://schema.org', '@type': 'GovernmentOrganization', name: f.county, address: { '@type': 'PostalAddress', addressLocality: f.seat, addressRegion: f.state }, telephone: displayPhone(f.switchboard, 3), ...(departments.length ? { department: departments } : {}) });
}

function nav(f: CountyFacts): NavLink[] {
  const links: NavLink[] = [{ href: '/', label: 'Home' }, { href: '/departments', label: 'Departments' }];
  if (f.sheriffAt === '/directory') links.push({ href: '/directory', label: 'Staff Directory' });
  links.push({ href: '/commissioners', label: 'Board of Commissioners' }, { href: '/news', label: 'News' }, { href: '/contact', label: 'Contact Us' });
  return links;
}

function footer(f: CountyFacts): string {
  const sw = esc(displayPhone(f.switchboard, f.pres.phoneStyle));
  const clerk = esc(displayPhone(f.clerkPhone, f.pres.phoneStyle));
  if (f.def.name === 'gov-portal' || f.def.name === 'directory-heavy') {
    return footerColumns(
      [
        { heading: f.county, html: `<p>County Courthouse, 100 Courthouse Sq, ${esc(f.seat)}, ${esc(f.state)}</p><p>Switchboard: ${sw}</p>` },
        { heading: 'County Clerk', html: `<p>${esc(f.clerk)}<br>${clerk}</p>` },
        { heading: 'Resources', html: '<p><a href="/news">Public notices</a> · <a href="/commissioners">Agendas &amp; minutes</a> · <a href="/contact">ADA requests</a></p>' },
      ],
      legalLine(f.county, 2025),
    );
  }
  return `<p>${esc(f.county)}, ${esc(f.state)} · Courthouse hours Mon–Fri 8:00–4:30 · Switchboard ${sw}</p>${legalLine(`${f.county}, ${f.state}`, 2025)}`;
}

function frame(site: Site, f: CountyFacts, path: string, title: string, main: string, head: string, crumbs: NavLink[] = []): PageResponse {
  const wrapped = f.kind === 'microdata' ? `<div itemscope itemtype="https://schema.org/GovernmentOrganization">${path === site.entryPath ? '' : `<meta itemprop="name" content="${esc(f.county)}">`}${main}</div>` : main;
  const aside = f.def.name === 'gov-portal' ? `<h3>I want to…</h3><ul><li><a href="/departments">Pay property taxes</a></li><li><a href="/departments">Register to vote</a></li><li><a href="/news">Read public notices</a></li></ul><p>Emergency? Dial 911.</p>` : undefined;
  return html(
    renderDocument({
      theme: f.pres.theme,
      lang: 'en-US',
      title,
      metaDescription: `Official website of ${f.county}, ${f.state}.`,
      brand: f.def.name === 'small-county-classic' ? `${f.county}, ${f.state}` : f.county,
      tagline: f.def.name === 'news-portal' ? `News and services for the people of ${f.county}` : `${f.state}`,
      nav: nav(f),
      activePath: path,
      main: wrapped,
      aside,
      footer: footer(f),
      cookie: cookieBanner(f.pres.cookie, f.county),
      head,
      topBar: f.def.name === 'gov-portal' ? `An official website of ${esc(f.county)}, ${esc(f.state)}` : undefined,
      breadcrumbs: [{ href: '/', label: 'Home' }, ...crumbs],
    }),
  );
}

function homeIntro(f: CountyFacts): string {
  const h1 = f.kind === 'microdata' ? `<h1 itemprop="name">${esc(f.county)}</h1>` : `<h1>${esc(f.county)}</h1>`;
  const commissioners = f.commissioners.map((c, i) => `<li>${esc(c)}, District ${i + 1}</li>`).join('');
  switch (f.def.name) {
    case 'gov-portal':
      return `${h1}<p>Welcome to the official website of ${esc(f.county)}, ${esc(f.state)}. The county seat is ${esc(f.seat)}.</p><h2>Board of Commissioners</h2><ul>${commissioners}</ul>`;
    case 'small-county-classic':
      return `${h1}<p><b>Welcome!</b> ${esc(f.county)} was organized in 1871. Courthouse hours are 8:00 a.m. to 4:30 p.m., Monday through Friday.</p><p><b>NOTICE:</b> The courthouse will be closed Monday for the holiday.</p>`;
    case 'modern-civic':
      return `${h1}<div class="card"><h2>Services at your fingertips</h2><p>Pay taxes, find a department, request records and report an issue — all online.</p></div>`;
    case 'directory-heavy':
      return `${h1}<p>Find a department or a staff member below. The County Clerk is ${esc(f.clerk)}; the Treasurer is ${esc(f.treasurer)}.</p>`;
    default:
      return `<div class="lead">${h1}<p class="story"><b>Commissioners approve road budget.</b> Commissioner ${esc(f.commissioners[0] ?? '')} said the plan would repave 14 miles of county roads.</p></div><div><p class="story"><b>Deputies honored.</b> Undersheriff ${esc(f.undersheriff)} presented service awards at Tuesday's meeting.</p></div>`;
  }
}

const DEPARTMENTS = ['Assessor', 'Clerk & Recorder', 'Treasurer', 'Road & Bridge', 'Planning & Zoning', 'Public Health', 'Sheriff', 'Coroner', 'Extension Office', 'Elections'];

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as CountyFacts;
  const sheriff = sheriffSection(f);
  const coroner = coronerSection(f);
  if (f.kind === 'js-xhr') {
    if (path === sheriff.apiPath) return json(sectionPayload(sheriff));
    if (path === coroner.apiPath) return json(sectionPayload(coroner));
  }
  const sheriffHere = isAt(f.sheriffAt, path, site.entryPath);
  const coronerHere = isAt(f.coronerAt, path, site.entryPath);
  const head = f.kind === 'json-ld' && (path === '/' || sheriffHere || coronerHere) ? jsonLd(f, sheriffHere, coronerHere) : '';
  const blocks = `${sheriffHere ? renderSection(sheriff) : ''}${coronerHere ? renderSection(coroner) : ''}`;
  const deptLink = (d: string) => {
    if (d === 'Sheriff' && f.sheriffAt === '/departments/sheriff') return `<a href="/departments/sheriff">Sheriff's Office</a>`;
    if (d === 'Coroner' && f.coronerAt === '/departments/coroner') return `<a href="/departments/coroner">Coroner</a>`;
    if ((d === 'Sheriff' || d === 'Coroner') && f.sheriffAt === '/directory') return `<a href="/directory">${d}</a>`;
    return esc(d);
  };
  switch (path) {
    case '/':
      return frame(site, f, path, `${f.county}, ${f.state} | Official Website`, `${homeIntro(f)}${blocks}<h2>Departments</h2><ul>${DEPARTMENTS.map((d) => `<li>${deptLink(d)}</li>`).join('')}</ul>`, head);
    case '/departments':
      return frame(site, f, path, `Departments | ${f.county}`, `<h1>Departments</h1><ul>${DEPARTMENTS.map((d) => `<li>${deptLink(d)}</li>`).join('')}</ul>`, '', [{ href: '/departments', label: 'Departments' }]);
    case '/departments/sheriff':
      if (f.sheriffAt !== path) return null;
      return frame(site, f, path, `Sheriff's Office | ${f.county}`, `<h1>Sheriff's Office</h1><p>Serving ${esc(f.county)} with patrol, civil process, the detention center and search and rescue.</p>${blocks}`, head, [{ href: '/departments', label: 'Departments' }, { href: path, label: 'Sheriff' }]);
    case '/departments/coroner':
      if (f.coronerAt !== path) return null;
      return frame(site, f, path, `Coroner | ${f.county}`, `<h1>Coroner</h1>${blocks}`, head, [{ href: '/departments', label: 'Departments' }, { href: path, label: 'Coroner' }]);
    case '/directory':
      if (f.sheriffAt !== path) return null;
      return frame(
        site,
        f,
        path,
        `Staff Directory | ${f.county}`,
        `<h1>Staff Directory</h1><table class="directory"><tbody><tr><th>Clerk &amp; Recorder</th><td>${esc(f.clerk)}</td><td>${esc(displayPhone(f.clerkPhone, f.pres.phoneStyle))}</td></tr><tr><th>Treasurer</th><td>${esc(f.treasurer)}</td><td>${esc(displayPhone(f.switchboard, f.pres.phoneStyle))}</td></tr></tbody></table>${blocks}`,
        head,
        [{ href: '/directory', label: 'Directory' }],
      );
    case '/commissioners':
      return frame(site, f, path, `Board of Commissioners | ${f.county}`, `<h1>Board of Commissioners</h1><ul>${f.commissioners.map((c, i) => `<li>${esc(c)} — District ${i + 1}</li>`).join('')}</ul><p>Regular meetings are held the first and third Tuesday of each month at 9:00 a.m.</p>`, '');
    case '/news':
      return frame(site, f, path, `News | ${f.county}`, `<h1>News &amp; Public Notices</h1><p><b>Burn ban lifted.</b> The county-wide burn ban has been lifted effective immediately.</p><p><b>Road closure.</b> County Road 12 will be closed for culvert replacement.</p>`, '');
    case '/contact':
      return frame(site, f, path, `Contact Us | ${f.county}`, `<h1>Contact Us</h1><p>County Courthouse, 100 Courthouse Sq, ${esc(f.seat)}, ${esc(f.state)}</p><p>Main switchboard: ${esc(displayPhone(f.switchboard, f.pres.phoneStyle))}</p><p>For emergencies dial 911.</p>`, '');
    default:
      return null;
  }
}

export const county: VerticalModule = {
  vertical: 'county',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['json-ld', 'microdata', 'table', 'dl', 'prose', 'js-inline', 'js-xhr'],
  generate,
  render,
};
