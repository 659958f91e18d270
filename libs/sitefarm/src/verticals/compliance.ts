// Regulatory documentation (the compliance job): the answer is never on the home page. A user has
// to go home → laws & rules index → the fee rule → its fee schedule, past repealed rules,
// proposed amendments, adoption/publication dates, renewal and late fees.
import { canonicalMoney, type Money } from '../canonical/money';
import { displayDate, isoDate } from '../canonical/date';
import { displayPhone, type Phone } from '../canonical/phone';
import type { Item } from '../html/blocks';
import { cookieBanner, footerColumns, legalLine } from '../html/chrome';
import { renderDocument, type NavLink } from '../html/document';
import { esc, slugify } from '../html/escape';
import { FONTS } from '../html/theme';
import type { Rng } from '../prng';
import type { PageResponse, PrimaryMarkup, Site } from '../types';
import { drawPeople } from '../vocab/people';
import { PhoneBook, STATE_AREA_CODES, US_STATES } from '../vocab/places';
import { distinctMoney, drawPresentation, markupList, money, section, templateByName, type Presentation, type TemplateDef } from './kit';
import type { GenContext, GeneratedSite, VerticalModule } from './module';
import { html, json } from './responses';
import { renderSection, sectionPayload, type Section } from './section';

const TEMPLATES: TemplateDef[] = [
  { name: 'state-board', shell: 'portal', font: FONTS.sans, headingFont: FONTS.serif, background: '#f1f3f5', text: '#1b1b1b', radius: 0, cookies: ['none', 'top'], visible: ['table'], clientLayouts: ['table'], apiBase: '/api/rules' },
  { name: 'commission-modern', shell: 'classic', font: FONTS.humanist, headingFont: FONTS.sans, background: '#fff', text: '#222', radius: 6, cookies: ['bar', 'box'], visible: ['dl'], clientLayouts: ['list', 'table'], apiBase: '/data/rules' },
  { name: 'legacy-agency', shell: 'minimal', font: FONTS.mono, headingFont: FONTS.serif, background: '#fff', text: '#000', radius: 0, cookies: ['none'], visible: ['table'], clientLayouts: ['table'], apiBase: '/cgi-bin/rules' },
  { name: 'document-library', shell: 'sidebar', font: FONTS.wide, headingFont: FONTS.wide, background: '#fff', text: '#222', radius: 4, cookies: ['top', 'bar'], visible: ['dl'], clientLayouts: ['list'], apiBase: '/library/api' },
  { name: 'regulatory-bulletin', shell: 'magazine', font: FONTS.serif, headingFont: FONTS.book, background: '#fff', text: '#222', radius: 0, cookies: ['modal', 'bar'], visible: ['list'], clientLayouts: ['list'], apiBase: '/bulletin/api' },
];

const AGENCIES = ['Board of Cosmetology', 'Board of Massage Therapy', 'Board of Funeral Service', 'Commission on Land Surveying', 'Department of Weights and Measures', 'Board of Barber Examiners', 'Real Estate Commission', 'Board of Private Investigators', 'Boiler Safety Board', 'Board of Athletic Trainers', 'Board of Hearing Aid Specialists', 'Board of Landscape Architects'];

interface Rule {
  number: string;
  title: string;
  slug: string;
  status: 'In effect' | 'Repealed' | 'Proposed';
  effective: string;
}

interface ComplianceFacts {
  def: TemplateDef;
  pres: Presentation;
  kind: PrimaryMarkup;
  agency: string;
  parent: string;
  state: string;
  director: string;
  phone: Phone;
  target: Rule;
  others: Rule[];
  adopted: string;
  published: string;
  proposedEffective: string;
  filingFee: Money;
  previousFee: Money;
  fees: Array<{ label: string; fee: Money }>;
}

function shiftDays(iso: string, days: number): string {
  // Calendar arithmetic on a fixed date (not the clock).
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function drawDate(rng: Rng, fromYear: number, toYear: number): string {
  return isoDate(rng.int(fromYear, toYear), rng.int(1, 12), rng.pick([1, 1, 1, 15, rng.int(2, 28)]));
}

function usd(rng: Rng, lo: number, hi: number, step = 5): Money {
  return { minor: rng.int(lo / step, hi / step) * step * 100, currency: 'USD' };
}

function generate(ctx: GenContext): GeneratedSite {
  const { rng } = ctx;
  const def = templateByName(TEMPLATES, ctx.template);
  const pres = drawPresentation(def, rng);
  const state = rng.pick(US_STATES);
  const agency = `${state} ${rng.pick(AGENCIES)}`;
  const chapter = `${rng.int(10, 40)}.${rng.int(100, 199)}`;
  const effective = drawDate(rng, 2023, 2026);
  const target: Rule = { number: `${chapter}.${rng.int(4, 6)}0${rng.int(1, 9)}`, title: rng.pick(['Fee Schedule', 'Fees', 'Schedule of Fees', 'Application and Renewal Fees']), slug: '', status: 'In effect', effective };
  target.slug = slugify(`${target.number} ${target.title}`);
  const otherTitles = rng.sample(['Definitions', 'Licensure by Examination', 'Continuing Education Requirements', 'Unprofessional Conduct', 'Inspection of Premises', 'Supervision Requirements'], 4);
  const others: Rule[] = otherTitles.map((title, i) => {
    const number = `${chapter}.${i + 1}0${rng.int(1, 9)}`;
    return { number, title, slug: slugify(`${number} ${title}`), status: 'In effect', effective: drawDate(rng, 2012, 2022) };
  });
  const repealedNumber = `${chapter}.${rng.int(7, 9)}01`;
  others.push({ number: repealedNumber, title: `${target.title} (former)`, slug: slugify(`${repealedNumber} ${target.title} former`), status: 'Repealed', effective: drawDate(rng, 2008, 2018) });
  const filingFee = usd(rng, 25, 500);
  const previousFee = distinctMoney([filingFee], () => usd(rng, 20, 400));
  const taken = [filingFee, previousFee];
  const fee = (label: string, lo: number, hi: number) => {
    const m = distinctMoney(taken, () => usd(rng, lo, hi));
    taken.push(m);
    return { label, fee: m };
  };
  const book = new PhoneBook(rng);
  const facts: ComplianceFacts = {
    def,
    pres,
    kind: ctx.kind,
    agency,
    parent: `${state} Department of ${rng.pick(['Labor and Industry', 'Commerce', 'Regulatory Agencies', 'Licensing and Regulation'])}`,
    state,
    director: drawPeople(rng, 1, true)[0] as string,
    phone: book.us(rng.pick(STATE_AREA_CODES[state] ?? ['555'])),
    target,
    others,
    adopted: shiftDays(effective, -rng.int(30, 90)),
    published: shiftDays(effective, -rng.int(10, 25)),
    proposedEffective: shiftDays(effective, rng.int(300, 500)),
    filingFee,
    previousFee,
    fees: [fee('Biennial renewal fee', 50, 400), fee('Late renewal penalty', 25, 150), fee('Duplicate license', 10, 40), fee('Examination fee', 75, 300)],
  };
  const ruleLocation = `/regulations/${target.slug}`;
  const fieldLocations = { agency_name: 'home', effective_date: ruleLocation, filing_fee: `${ruleLocation}/fees` };
  const fieldMarkup: Record<string, PrimaryMarkup> = { agency_name: 'prose', effective_date: ctx.kind, filing_fee: ctx.kind };
  return {
    name: agency,
    entryPath: '/',
    facts,
    fields: { agency_name: agency, effective_date: effective, filing_fee: canonicalMoney(filingFee) },
    fieldLocations,
    fieldMarkup,
    markup: markupList(fieldMarkup, fieldLocations, 'agency_name'),
  };
}

function date(f: ComplianceFacts, iso: string): string {
  return displayDate(iso, f.pres.dateStyle);
}

function detailsSection(f: ComplianceFacts): Section {
  const items: Item[] = [
    { label: 'Rule number', value: f.target.number, sentence: `Rule {value}, "${f.target.title}", is currently in effect.` },
    { label: 'Adopted', value: date(f, f.adopted), sentence: 'The Board adopted the rule on {value}' },
    { label: 'Published in the Register', value: date(f, f.published), sentence: 'and it was published in the state Register on {value}.' },
    { col: 'effective_date', label: 'Effective date', value: date(f, f.target.effective), sentence: 'The rule takes effect on {value}.' },
    { label: 'Proposed amendment (not yet adopted)', value: date(f, f.proposedEffective), note: 'hearing pending', sentence: 'A proposed amendment, if adopted, would take effect {value}.' },
  ];
  return section(f.pres, f.def.apiBase, f.kind, { id: 'rule-details', heading: 'Rule history', items, headers: ['', ''], loadingText: 'Loading rule history…' });
}

function feesSection(f: ComplianceFacts): Section {
  const s = f.pres.moneyStyle === 'alt' ? 'full' : f.pres.moneyStyle;
  const items: Item[] = [
    { col: 'filing_fee', label: 'Initial application filing fee', value: money(f.filingFee, s), sentence: 'The filing fee for an initial application is {value}.' },
    ...f.fees.map((x) => ({ label: x.label, value: money(x.fee, s), sentence: `The ${x.label.toLowerCase()} is {value}.` })),
    { label: `Filing fee before ${date(f, f.target.effective)}`, value: money(f.previousFee, s), note: 'superseded', sentence: `Before ${date(f, f.target.effective)} the filing fee was {value}.` },
  ];
  return section(f.pres, f.def.apiBase, f.kind, { id: 'fees', heading: 'Fee schedule', intro: 'Fees are non-refundable and payable to the Board by check or online.', items, headers: ['Fee', 'Amount'], loadingText: 'Loading fee schedule…' });
}

function nav(): NavLink[] {
  return [
    { href: '/', label: 'Home' },
    { href: '/regulations', label: 'Laws & Rules' },
    { href: '/licensing', label: 'Licensing' },
    { href: '/news', label: 'News' },
    { href: '/contact', label: 'Contact' },
  ];
}

function frame(f: ComplianceFacts, path: string, title: string, main: string, crumbs: NavLink[] = []): PageResponse {
  const aside = f.def.name === 'state-board' ? `<h3>Quick links</h3><ul><li><a href="/licensing">Apply for a license</a></li><li><a href="/regulations">Administrative rules</a></li><li><a href="/news">Board meetings</a></li></ul>` : undefined;
  return html(
    renderDocument({
      theme: f.pres.theme,
      lang: 'en-US',
      title,
      metaDescription: `${f.agency}: licensing, laws and rules.`,
      brand: f.agency,
      tagline: f.parent,
      nav: nav(),
      activePath: path,
      main,
      aside,
      footer: footerColumns(
        [
          { heading: f.agency, html: `<p>PO Box ${100 + (f.agency.length % 800)}, ${esc(f.state)}</p><p>${esc(displayPhone(f.phone, f.pres.phoneStyle))}</p>` },
          { heading: f.parent, html: '<p><a href="/about">About the Department</a></p>' },
        ],
        legalLine(`State of ${f.state}`, 2025),
      ),
      cookie: cookieBanner(f.pres.cookie, f.agency),
      topBar: f.def.name === 'state-board' ? `An official website of the State of ${esc(f.state)}` : undefined,
      breadcrumbs: [{ href: '/', label: 'Home' }, ...crumbs],
    }),
  );
}

function ruleIndex(f: ComplianceFacts): string {
  const rules = [...f.others.slice(0, 2), f.target, ...f.others.slice(2)];
  if (f.def.name === 'legacy-agency' || f.def.name === 'state-board') {
    return `<table><thead><tr><th>Rule</th><th>Title</th><th>Status</th></tr></thead><tbody>${rules.map((r) => `<tr><td>${esc(r.number)}</td><td><a href="/regulations/${esc(r.slug)}">${esc(r.title)}</a></td><td>${r.status}</td></tr>`).join('')}</tbody></table>`;
  }
  return `<ul class="rules">${rules.map((r) => `<li><a href="/regulations/${esc(r.slug)}">${esc(r.number)} ${esc(r.title)}</a>${r.status === 'In effect' ? '' : ` <em>(${r.status})</em>`}</li>`).join('')}</ul>`;
}

function render(site: Site, path: string): PageResponse | null {
  const f = site.facts as ComplianceFacts;
  const details = detailsSection(f);
  const fees = feesSection(f);
  const rulePath = `/regulations/${f.target.slug}`;
  if (f.kind === 'js-xhr') {
    if (path === details.apiPath) return json(sectionPayload(details));
    if (path === fees.apiPath) return json(sectionPayload(fees));
  }
  const regs = { href: '/regulations', label: 'Laws & Rules' };
  switch (path) {
    case '/':
      return frame(
        f,
        path,
        f.agency,
        `<h1>${esc(f.agency)}</h1><p>The ${esc(f.agency)} protects the public by licensing and regulating practitioners in ${esc(f.state)}. The Board is administratively attached to the ${esc(f.parent)}.</p><h2>Announcements</h2><p>Renewal season opens soon. Review the <a href="/regulations">laws and rules</a> that apply to your license.</p><p>Executive Director: ${esc(f.director)}</p>`,
      );
    case '/regulations':
      return frame(f, path, `Laws & Rules | ${f.agency}`, `<h1>Administrative Rules</h1><p>The rules below are adopted under the ${esc(f.state)} Administrative Procedure Act. Select a rule to see its history and related documents.</p>${ruleIndex(f)}`, [regs]);
    case rulePath:
      return frame(
        f,
        path,
        `${f.target.number} ${f.target.title} | ${f.agency}`,
        `<h1>${esc(f.target.number)} ${esc(f.target.title)}</h1><p>(1) Applicants and licensees shall pay the fees set out in the fee schedule. (2) Fees are not prorated. (3) The Board may waive fees for active-duty military applicants.</p>${renderSection(details)}<p>Related documents: <a href="${rulePath}/fees">Fee schedule (Appendix A)</a> · <a href="/regulations">All rules</a></p>`,
        [regs, { href: rulePath, label: f.target.number }],
      );
    case `${rulePath}/fees`:
      return frame(f, path, `Fee schedule — ${f.target.number} | ${f.agency}`, `<h1>Appendix A: Fee schedule</h1><p>Adopted under rule <a href="${rulePath}">${esc(f.target.number)}</a>.</p>${renderSection(fees)}`, [regs, { href: rulePath, label: f.target.number }, { href: path, label: 'Fee schedule' }]);
    case '/licensing':
      return frame(f, path, `Licensing | ${f.agency}`, `<h1>Licensing</h1><p>Applications are processed within 30 business days. See the <a href="/regulations">rules</a> for current fees.</p>`);
    case '/news':
      return frame(f, path, `News | ${f.agency}`, `<h1>News</h1><p>The Board meets quarterly. Minutes are posted within 30 days of each meeting.</p>`);
    case '/contact':
    case '/about':
      return frame(f, path, `Contact | ${f.agency}`, `<h1>Contact</h1><p>${esc(displayPhone(f.phone, f.pres.phoneStyle))}</p><p>Office hours Mon–Fri 8:00–5:00.</p>`);
    default: {
      const other = f.others.find((r) => `/regulations/${r.slug}` === path);
      if (!other) return null;
      return frame(
        f,
        path,
        `${other.number} ${other.title} | ${f.agency}`,
        `<h1>${esc(other.number)} ${esc(other.title)}</h1><p>Status: ${other.status}. ${other.status === 'Repealed' ? 'Repealed; see the current fee rule.' : ''} Effective ${esc(date(f, other.effective))}.</p><p>(1) Licensees shall comply with this rule at all times.</p>`,
        [regs, { href: path, label: other.number }],
      );
    }
  }
}

export const compliance: VerticalModule = {
  vertical: 'compliance',
  templates: TEMPLATES.map((t) => t.name),
  markupKinds: ['table', 'dl', 'prose', 'js-inline', 'js-xhr'],
  generate,
  render,
};
