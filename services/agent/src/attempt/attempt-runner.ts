// One attempt, start to finish: check the target, fetch over HTTP first, recognise walls and
// errors, extract, navigate within the site towards what is still missing, escalate to the
// browser when the page needs JavaScript (or fields are still missing), optionally ask the
// model, take screenshots, and report everything as an AttemptResult. Never throws for what a
// site does — that becomes the result's failure; throws only when the attempt must be released
// (shutdown) or something unexpected broke (the work item is then retried).
import type { Dispatcher } from 'undici';
import {
  applyRecipe,
  extract,
  matchRecipe,
  mergeFieldResults,
  needsJavaScript,
  rankLinks,
  type ColumnSpec,
  type ExtractionResult,
  type FieldResult,
  type Recipe,
} from '@fieldwork/extraction';
import { combineFieldResults, isLlmError, llmExtract, type LlmClient, type LlmFieldResult } from '@fieldwork/llm';
import type { Logger } from '@fieldwork/telemetry';
import { urlKey } from '@fieldwork/values';
import type { AgentConfig } from '../config/agent-config';
import { attemptStatus, decisiveColumns, type AttemptResult, type FieldOutcome, type ScreenshotRecord } from '../domain/attempt-result';
import type { AttemptColumn, AttemptSpec, Mode, StrategyName } from '../domain/attempt-spec';
import { extractionFailed, pageError, timeout, unsafeTarget, type Failure } from '../domain/failure';
import { BrowserCrashedError, type BrowserPool } from '../browser/browser-pool';
import type { BrowserSession } from '../browser/browser-session';
import type { BrowserSessions } from '../browser/browser-sessions';
import type { EgressGuard } from '../egress/address-guard';
import { fetchPage, type FetchedPage } from '../fetch/http-fetcher';
import { AttemptFailureError, failureFromBrowserError, failureFromHttpError } from '../fetch/network-errors';
import type { ScreenshotSink } from '../screenshots/screenshot-store';
import { fieldOutcome } from './field-outcomes';
import { inspectPage } from './inspect-page';
import { PlanRecorder, type StepListener } from './plan-recorder';

export interface AttemptRunnerDeps {
  config: AgentConfig;
  guard: EgressGuard;
  /** The guarded undici dispatcher (connect-time address checks). */
  dispatcher: Dispatcher;
  browsers: BrowserPool;
  /** Fresh browser sessions (a context whose traffic goes through its own egress session). */
  sessions: BrowserSessions;
  screenshots?: ScreenshotSink;
  /** The `llm` strategy's client, when a model is configured. */
  llm?: LlmClient;
  logger: Logger;
}

export interface RunOptions {
  /** Aborted when the worker shuts down: the attempt stops and is released, not recorded. */
  signal?: AbortSignal;
  onStep?: StepListener;
  /** Where screenshots go under the organization: "<task>/<attempt>" or "preview/<id>". */
  screenshotScope: string;
  /** Recipes of the caller (a preview trying one out), tried before the worker's knowledge base. */
  recipes?: readonly Recipe[];
}

/** The attempt was stopped from outside (shutdown): give the work item back. */
export class AttemptAbortedError extends Error {
  constructor() {
    super('the attempt was stopped before it finished');
    this.name = 'AttemptAbortedError';
  }
}

/** A link with this little in common with the missing columns is not worth a page load. */
const MIN_LINK_SCORE = 0.1;
/** Below this merged confidence a found value is still worth looking further for. */
const GOOD_ENOUGH = 0.5;
const MAX_CLICKS = 2;
const MAX_LLM_PAGES = 3;
const SCREENSHOT_GRACE_MS = 5_000;
/** Recipe subpages go to the front of the frontier: the recipe knows where the data is. */
const RECIPE_SUBPAGE_SCORE = 10;

interface LoadedPage {
  requestedUrl: string;
  finalUrl: string;
  html: string;
  depth: number;
  mode: Mode;
}

interface Escalation {
  reason: string;
  /** Pages the browser renders first: those HTTP found to need JavaScript, or the entry page. */
  startPages: { url: string; depth: number }[];
}

interface FrontierLink {
  url: string;
  text: string;
  score: number;
  depth: number;
}

export class AttemptRunner {
  constructor(private readonly deps: AttemptRunnerDeps) {}

  run(spec: AttemptSpec, options: RunOptions): Promise<AttemptResult> {
    return new AttemptRun(this.deps, spec, options).execute();
  }
}

class AttemptRun {
  private readonly startedAt = new Date();
  private readonly started = Date.now();
  private readonly deadline: number;
  private readonly plan: PlanRecorder;
  private readonly columns: ColumnSpec[];
  private readonly timings = { fetchMs: 0, browserMs: 0, extractMs: 0, llmMs: 0 };
  private readonly usage = { bytes: 0, requests: 0, refused: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  /** Each page's extraction, with the columns that were still open when it was loaded. */
  private readonly extractions: { result: ExtractionResult; open: ReadonlySet<string>; key: string; mode: Mode }[] = [];
  private readonly visited: LoadedPage[] = [];
  private readonly frontiers: Record<Mode, Map<string, FrontierLink>> = { http: new Map(), browser: new Map() };
  private readonly screenshots: ScreenshotRecord[] = [];
  private failure?: Failure;
  /** The budget ran out while looking for more: reported only if something is missing. */
  private budgetFailure?: Failure;
  private browser?: BrowserSession;
  private readonly browserSessions: BrowserSession[] = [];
  private mode: Mode = 'http';
  private finalUrl: string;
  private wantLlm: 'always' | 'fallback' | 'never' = 'never';
  private llmFields?: Record<string, LlmFieldResult>;
  private model?: string;
  /** Knowledge-base recipes this attempt may use (`config`/`auto`); the one that matched the site. */
  private readonly recipes: readonly Recipe[];
  private recipe?: Recipe;
  private recipeTried = false;
  private readonly recipeSubpagesQueued = new Set<Mode>();
  /** Each page's recipe values (pages in load order; a rendered page replaces its HTTP copy). */
  private readonly recipeResults: { fields: Record<string, FieldResult>; key: string; mode: Mode }[] = [];

  constructor(
    private readonly deps: AttemptRunnerDeps,
    private readonly spec: AttemptSpec,
    private readonly options: RunOptions,
  ) {
    this.deadline = this.started + spec.budget.totalMs;
    this.plan = new PlanRecorder(options.onStep);
    this.columns = spec.columns.map((column) => ({
      name: column.name,
      type: column.type,
      description: column.description,
      required: column.required,
      enumValues: column.enumValues,
    }));
    this.finalUrl = spec.siteUrl;
    this.recipes = spec.strategy === 'config' || spec.strategy === 'auto' ? [...(options.recipes ?? []), ...deps.config.recipes] : [];
  }

  async execute(): Promise<AttemptResult> {
    const signal = this.options.signal;
    const onAbort = () => {
      for (const session of this.browserSessions) void session.close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.body();
    } catch (error) {
      if (signal?.aborted) throw new AttemptAbortedError();
      if (error instanceof AttemptFailureError) this.failure = error.failure;
      else if (error instanceof BrowserCrashedError) {
        this.failure = {
          category: 'page_error',
          reason: 'browser_crashed',
          retryable: true,
          message: `the browser crashed while loading ${this.finalUrl}; it has been restarted`,
        };
      } else {
        await this.closeBrowsers();
        throw error;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) {
      await this.closeBrowsers();
      throw new AttemptAbortedError();
    }
    try {
      await this.takeScreenshot();
    } finally {
      await this.closeBrowsers();
    }
    return this.assemble();
  }

  private async closeBrowsers(): Promise<void> {
    await Promise.all(this.browserSessions.map((session) => session.close().catch(() => undefined)));
  }

  // ---------------------------------------------------------------- the plan

  private async body(): Promise<void> {
    const entry = this.checkTarget();
    this.chooseStrategy();
    let escalation: Escalation | undefined;
    if (this.spec.mode === 'browser') escalation = { reason: 'browser mode was asked for', startPages: [{ url: entry, depth: 0 }] };
    else escalation = await this.httpPhase(entry);
    if (escalation && this.spec.mode !== 'http' && !this.budgetFailure) {
      this.plan.record('escalate', { to: 'browser', start: escalation.startPages[0].url }, 'ok', escalation.reason, 0, '');
      await this.browserPhase(entry, escalation.startPages);
    }
    await this.llmPhase();
  }

  private checkTarget(): string {
    const checked = this.deps.guard.checkUrl(this.spec.siteUrl);
    if (!checked.ok) {
      const { error } = checked;
      this.plan.record('check_target', { url: this.spec.siteUrl }, 'refused', error.message, 0, '');
      this.usage.refused += 1;
      throw new AttemptFailureError(error.range === 'invalid' ? pageError('invalid_url', error.message, false) : unsafeTarget(error.range, error.message));
    }
    this.plan.record('check_target', { url: checked.url.href }, 'ok', checked.url.host, 0, '');
    this.finalUrl = checked.url.href;
    return checked.url.href;
  }

  private chooseStrategy(): void {
    const requested = this.spec.strategy;
    const llm = this.deps.llm;
    if (requested === 'llm') {
      if (llm) {
        this.wantLlm = 'always';
        this.plan.record('strategy', { requested, model: llm.config.model }, 'ok', 'llm', 0, '');
      } else {
        this.plan.record('strategy', { requested }, 'skipped', 'no model is configured (FIELDWORK_LLM_*); using heuristic', 0, '');
      }
      return;
    }
    if (requested === 'config') {
      if (this.recipes.length === 0) this.plan.record('strategy', { requested }, 'skipped', 'no knowledge-base recipes are loaded; using heuristic', 0, '');
      else this.plan.record('strategy', { requested, recipes: this.recipes.length }, 'ok', 'config (knowledge-base recipe when one matches), heuristic for the rest', 0, '');
    } else {
      this.plan.record('strategy', { requested }, 'ok', llm ? 'heuristic, llm for missing fields' : 'heuristic', 0, '');
    }
    if (llm) this.wantLlm = 'fallback';
  }

  private async httpPhase(entryUrl: string): Promise<Escalation | undefined> {
    const entry = await this.httpLoad(entryUrl, 0, true);
    if (!entry) return undefined;
    this.addPage(entry);
    // A recipe that read every column needs no browser, whatever the page's scripts do.
    const recipeDone = this.recipe !== undefined && this.missing(false).length === 0;
    if (!recipeDone && needsJavaScript(entry.html)) return { reason: 'the page renders its content with JavaScript', startPages: [{ url: entryUrl, depth: 0 }] };
    // A page navigation chose for what is missing, whose content scripts render: the browser
    // starts there rather than walking the whole path again.
    let scripted: LoadedPage | undefined;
    await this.navigate('http', (url, depth) => this.httpLoad(url, depth, false), (page) => {
      if (!needsJavaScript(page.html)) return false;
      scripted = page;
      return true;
    });
    const reached = scripted as LoadedPage | undefined;
    if (reached) return { reason: `${reached.finalUrl} renders its content with JavaScript`, startPages: [{ url: reached.finalUrl, depth: reached.depth }] };
    if (this.budgetFailure) return undefined;
    const missing = this.missing(true);
    return missing.length > 0 ? { reason: `not found over HTTP: ${missing.map((c) => c.name).join(', ')}`, startPages: [{ url: entryUrl, depth: 0 }] } : undefined;
  }

  private async browserPhase(entryUrl: string, startPages: Escalation['startPages']): Promise<void> {
    this.mode = 'browser';
    const opened = performance.now();
    try {
      this.browser = await this.openBrowser(!this.spec.budget.screenshots);
    } finally {
      this.timings.browserMs += performance.now() - opened;
    }
    this.plan.record('open_browser', { launches: this.deps.browsers.launches }, 'ok', 'a fresh browser context', performance.now() - opened, 'browser');
    let loads = 0;
    for (const start of startPages) {
      if (loads > 0 && this.missing(false).length === 0) break;
      if (loads >= this.spec.budget.maxPages || this.budgetFailure) break;
      loads += 1;
      const page = await this.browserLoad(start.url, start.depth, start.url === entryUrl && loads === 1);
      if (page) this.addPage(page);
    }
    await this.navigate('browser', (url, depth) => this.browserLoad(url, depth, false));
    if (!this.budgetFailure && this.missing(false).length > 0) await this.tryClicks();
  }

  private async openBrowser(blockHeavy: boolean): Promise<BrowserSession> {
    const session = await this.deps.sessions.take(blockHeavy);
    this.browserSessions.push(session);
    return session;
  }

  // ---------------------------------------------------------------- loading pages

  private async httpLoad(url: string, depth: number, isEntry: boolean): Promise<LoadedPage | undefined> {
    let fetched: FetchedPage | undefined;
    for (let retry = 0; !fetched; retry += 1) {
      const started = performance.now();
      try {
        const page = await fetchPage(url, {
          dispatcher: this.deps.dispatcher,
          guard: this.deps.guard,
          limits: this.deps.config.http,
          deadline: this.deadline,
          signal: this.options.signal,
        });
        const ms = performance.now() - started;
        this.timings.fetchMs += ms;
        this.usage.requests += 1 + page.redirects.length;
        this.usage.bytes += page.bytes;
        const size = page.bytes >= 1024 ? `${Math.round(page.bytes / 1024)} KB` : `${page.bytes} B`;
        this.plan.record('fetch', { url, depth, redirects: page.redirects.length || undefined }, 'ok', `${page.status} ${page.contentType.split(';')[0] || 'no type'} ${size}`, ms, 'http');
        const waitMs = (page.status === 503 || page.status === 429) && retry < 3 ? retryDelay(page.headers['retry-after'], retry) : undefined;
        if (waitMs !== undefined && Date.now() + waitMs + 500 < this.deadline) {
          this.plan.record('wait_retry', { url, status: page.status }, 'ok', `HTTP ${page.status}; trying again in ${waitMs} ms`, waitMs, 'http');
          await sleep(waitMs, this.options.signal);
          continue;
        }
        fetched = page;
      } catch (error) {
        const ms = performance.now() - started;
        this.timings.fetchMs += ms;
        this.usage.requests += 1;
        if (this.options.signal?.aborted) throw error;
        const failure = failureFromHttpError(error, url, Date.now() >= this.deadline);
        if (failure.category === 'unsafe_target') this.usage.refused += 1;
        this.plan.record('fetch', { url, depth }, failure.category === 'unsafe_target' ? 'refused' : 'failed', failure.message, ms, 'http');
        if (isEntry) throw new AttemptFailureError(failure);
        if (failure.category === 'timeout') this.budgetFailure = failure;
        return undefined;
      }
    }
    return this.accept(
      {
        status: fetched.status,
        html: fetched.html,
        finalUrl: fetched.finalUrl,
        requestedUrl: url,
        headers: fetched.headers,
        redirected: fetched.redirects.length > 0,
      },
      depth,
      isEntry,
      'http',
      fetched.contentType,
    );
  }

  private async browserLoad(url: string, depth: number, isEntry: boolean): Promise<LoadedPage | undefined> {
    const browser = this.browser as BrowserSession;
    const started = performance.now();
    try {
      const rendered = await browser.visit(url, this.deadline);
      const ms = performance.now() - started;
      this.timings.browserMs += ms;
      this.plan.record('render', { url, depth }, 'ok', `${rendered.status}${rendered.finalUrl !== url ? ` at ${rendered.finalUrl}` : ''}`, ms, 'browser');
      return this.accept(
        {
          status: rendered.status,
          html: rendered.html,
          finalUrl: rendered.finalUrl,
          requestedUrl: url,
          headers: rendered.headers,
          redirected: urlKey(rendered.finalUrl) !== urlKey(url),
        },
        depth,
        isEntry,
        'browser',
        rendered.headers['content-type'] ?? 'text/html',
      );
    } catch (error) {
      const ms = performance.now() - started;
      this.timings.browserMs += ms;
      if (error instanceof BrowserCrashedError || this.options.signal?.aborted) throw error;
      const failure = error instanceof AttemptFailureError ? error.failure : failureFromBrowserError(String(error), url, Date.now() >= this.deadline);
      this.plan.record('render', { url, depth }, failure.category === 'unsafe_target' ? 'refused' : 'failed', failure.message, ms, 'browser');
      if (isEntry) throw new AttemptFailureError(failure);
      if (failure.category === 'timeout') this.budgetFailure = failure;
      return undefined;
    }
  }

  /** Decides whether a loaded page is the site (to extract) or a wall, an error or a file. */
  private accept(
    page: Parameters<typeof inspectPage>[0],
    depth: number,
    isEntry: boolean,
    mode: Mode,
    contentType: string,
  ): LoadedPage | undefined {
    const problem = inspectPage(page);
    if (problem) {
      this.plan.record('classify', { url: page.finalUrl }, 'failed', problem.message, 0, mode);
      if (isEntry) throw new AttemptFailureError(problem);
      return undefined;
    }
    if (page.html === null) {
      const what = `${page.finalUrl} is not a web page (${contentType.split(';')[0] || 'unknown type'})`;
      this.plan.record('classify', { url: page.finalUrl }, 'skipped', what, 0, mode);
      if (isEntry) throw new AttemptFailureError(extractionFailed('nothing_found', what));
      return undefined;
    }
    const key = urlKey(page.finalUrl) ?? page.finalUrl;
    if (!isEntry && this.visited.some((seen) => seen.mode === mode && (urlKey(seen.finalUrl) ?? seen.finalUrl) === key)) {
      this.plan.record('classify', { url: page.finalUrl }, 'skipped', 'already visited (the link leads back to a page seen before)', 0, mode);
      return undefined;
    }
    return { requestedUrl: page.requestedUrl, finalUrl: page.finalUrl, html: page.html, depth, mode };
  }

  // ---------------------------------------------------------------- extraction and navigation

  private addPage(page: LoadedPage): void {
    // A page reached by navigating towards missing columns speaks for those columns only: a
    // column already found earlier keeps its value (a "Status: In effect" cell on a rules index
    // must not replace the agency's name read on the home page).
    // The rendered page supersedes its plain-HTTP copy: it holds everything the copy held and
    // what scripts added, so it speaks for the same columns the copy did.
    const key = urlKey(page.finalUrl) ?? page.finalUrl;
    const copy = page.mode === 'browser' ? this.extractions.findIndex((seen) => seen.mode === 'http' && seen.key === key) : -1;
    const inherited = copy >= 0 ? this.extractions.splice(copy, 1)[0].open : undefined;
    const open = new Set([
      ...(inherited ?? []),
      ...(this.extractions.length === 0 ? this.columns.map((column) => column.name) : this.missing(false).map((column) => column.name)),
    ]);
    this.applyRecipe(page, key);
    const recipeFields = this.recipeFields();
    if (this.recipe && this.columns.every((column) => recipeFields[column.name])) {
      // The recipe read every column: the heuristic has nothing to add (the fast path).
      this.plan.record('extract', { url: page.finalUrl, strategy: 'heuristic' }, 'skipped', 'the recipe found every column', 0, page.mode);
    } else {
      const started = performance.now();
      const result = extract({
        html: page.html,
        url: page.finalUrl,
        columns: this.columns,
        instructionText: this.spec.instructionText || undefined,
        defaultRegion: this.spec.defaultRegion,
        locale: this.spec.locale,
      });
      const ms = performance.now() - started;
      this.timings.extractMs += ms;
      this.extractions.push({ result, open, key, mode: page.mode });
      const found = Object.values(result.fields).filter((field) => field.value !== null).length;
      this.plan.record('extract', { url: page.finalUrl, strategy: 'heuristic' }, 'ok', `${found} of ${this.columns.length} fields on this page`, ms, page.mode);
    }
    this.visited.push(page);
    this.finalUrl = page.finalUrl;
    this.queueRecipeSubpages(page);
    this.rankFrom(page);
  }

  /**
   * The `config` strategy: the first page decides whether a knowledge-base recipe is for this
   * site; a matching recipe then reads its columns from every page of the attempt.
   */
  private applyRecipe(page: LoadedPage, key: string): void {
    if (this.recipes.length === 0) return;
    if (!this.recipeTried) {
      this.recipeTried = true;
      const started = performance.now();
      const hit = matchRecipe(this.recipes, page.html, page.finalUrl);
      const ms = performance.now() - started;
      this.timings.extractMs += ms;
      if (!hit) {
        this.plan.record('recipe_match', { url: page.finalUrl, recipes: this.recipes.length }, 'skipped', 'no knowledge-base recipe matches this site; using heuristic', ms, page.mode);
        return;
      }
      this.recipe = hit.recipe;
      this.plan.record('recipe_match', { url: page.finalUrl, recipe: hit.recipe.id, version: hit.recipe.version }, 'ok', hit.reason, ms, page.mode);
    }
    const recipe = this.recipe;
    if (!recipe) return;
    const started = performance.now();
    const result = applyRecipe(recipe, {
      html: page.html,
      url: page.finalUrl,
      columns: this.columns,
      defaultRegion: this.spec.defaultRegion,
      locale: this.spec.locale,
    });
    const ms = performance.now() - started;
    this.timings.extractMs += ms;
    if (page.mode === 'browser') {
      const copy = this.recipeResults.findIndex((seen) => seen.mode === 'http' && seen.key === key);
      if (copy >= 0) this.recipeResults.splice(copy, 1);
    }
    this.recipeResults.push({ fields: result.fields, key, mode: page.mode });
    const found = Object.keys(result.fields);
    const covered = this.columns.length - result.uncovered.length;
    const notFound = result.notFound.map((miss) => `${miss.column} (${miss.reason})`).join(', ');
    this.plan.record(
      'extract',
      { url: page.finalUrl, strategy: 'config', recipe: recipe.id, version: recipe.version, found: found.join(',') || undefined },
      found.length > 0 ? 'ok' : 'failed',
      `${found.length} of ${covered} recipe fields on this page${notFound ? `; not found: ${notFound}` : ''}${result.uncovered.length > 0 ? `; not in the recipe: ${result.uncovered.join(', ')}` : ''}`,
      ms,
      page.mode,
    );
  }

  /** The matched recipe's subpages, at the front of this mode's frontier. */
  private queueRecipeSubpages(page: LoadedPage): void {
    const subpages = this.recipe?.subpages;
    if (!subpages || this.recipeSubpagesQueued.has(page.mode)) return;
    this.recipeSubpagesQueued.add(page.mode);
    const frontier = this.frontiers[page.mode];
    for (const path of subpages) {
      const url = new URL(path, page.finalUrl).href;
      if (!this.deps.guard.checkUrl(url).ok) continue;
      const key = urlKey(url) ?? url;
      if (key === (urlKey(page.finalUrl) ?? page.finalUrl)) continue;
      frontier.set(key, { url, text: `recipe ${this.recipe?.id} subpage ${path}`, score: RECIPE_SUBPAGE_SCORE, depth: page.depth + 1 });
    }
  }

  /** Per column, the recipe's value from the first page that had one. */
  private recipeFields(): Record<string, FieldResult> {
    const fields: Record<string, FieldResult> = {};
    for (const page of this.recipeResults) {
      for (const [name, field] of Object.entries(page.fields)) fields[name] ??= field;
    }
    return fields;
  }

  /** What the attempt knows per column: the recipe's value where it found one, the heuristic's otherwise. */
  private currentFields(): Record<string, FieldResult> {
    const heuristic = this.heuristicFields();
    if (!this.recipe) return heuristic;
    return { ...heuristic, ...this.recipeFields() };
  }

  private rankFrom(page: LoadedPage): void {
    if (page.depth >= this.spec.budget.maxDepth) return;
    const missing = this.missing(false);
    if (missing.length === 0) return;
    const visited = this.visited.filter((seen) => seen.mode === page.mode).map((seen) => seen.finalUrl);
    const ranked = rankLinks({
      html: page.html,
      url: page.finalUrl,
      columns: this.columns.filter((column) => missing.some((m) => m.name === column.name)),
      instructionText: this.spec.instructionText || undefined,
      visited,
      limit: 30,
    });
    const frontier = this.frontiers[page.mode];
    for (const link of ranked) {
      if (link.score < MIN_LINK_SCORE) break;
      if (!this.deps.guard.checkUrl(link.url).ok) continue;
      const key = urlKey(link.url) ?? link.url;
      const existing = frontier.get(key);
      if (!existing || existing.score < link.score) frontier.set(key, { url: link.url, text: link.text, score: link.score, depth: page.depth + 1 });
    }
  }

  private async navigate(
    mode: Mode,
    load: (url: string, depth: number) => Promise<LoadedPage | undefined>,
    stopAfter?: (page: LoadedPage) => boolean,
  ): Promise<void> {
    const frontier = this.frontiers[mode];
    let loads = this.visited.filter((page) => page.mode === mode).length;
    while (loads < this.spec.budget.maxPages && !this.budgetFailure) {
      if (this.missing(false).length === 0) return;
      if (this.deadline - Date.now() < 300) {
        this.budgetFailure = timeout('budget', `the attempt's time budget ran out after ${this.visited.length} pages`);
        return;
      }
      const next = [...frontier.entries()].sort((a, b) => b[1].score - a[1].score)[0];
      if (!next) return;
      frontier.delete(next[0]);
      const visitedKeys = new Set(this.visited.filter((page) => page.mode === mode).map((page) => urlKey(page.finalUrl) ?? page.finalUrl));
      if (visitedKeys.has(next[0])) continue;
      const link = next[1];
      this.plan.record('navigate', { url: link.url, link: link.text, score: link.score, depth: link.depth }, 'ok', `following "${link.text || link.url}"`, 0, mode);
      loads += 1;
      const page = await load(link.url, link.depth);
      if (!page) continue;
      this.addPage(page);
      if (stopAfter?.(page)) return;
    }
  }

  /** Content behind buttons and tabs: clicks the controls whose text matches what is missing. */
  private async tryClicks(): Promise<void> {
    const browser = this.browser as BrowserSession;
    const clickables = await browser.clickables();
    if (clickables.length === 0) return;
    const base = browser.page.url();
    const html = clickables.map((item) => `<a href="/__fw_click/${item.index}">${escapeHtml(item.text)}</a>`).join('\n');
    const missing = this.missing(false);
    const ranked = rankLinks({
      html,
      url: base,
      columns: this.columns.filter((column) => missing.some((m) => m.name === column.name)),
      instructionText: this.spec.instructionText || undefined,
    }).filter((link) => link.score >= MIN_LINK_SCORE * 1.5);
    for (const link of ranked.slice(0, MAX_CLICKS)) {
      if (this.missing(false).length === 0 || this.deadline - Date.now() < 500) return;
      const index = Number(/__fw_click\/(\d+)/.exec(link.url)?.[1]);
      const clickable = clickables.find((item) => item.index === index);
      if (!clickable) continue;
      this.plan.record('click', { control: clickable.text, score: link.score }, 'ok', `clicking "${clickable.text}"`, 0, 'browser');
      const started = performance.now();
      try {
        const rendered = await browser.click(clickable, this.deadline);
        this.timings.browserMs += performance.now() - started;
        const page = this.accept(
          { status: 200, html: rendered.html, finalUrl: rendered.finalUrl, requestedUrl: base, headers: {}, redirected: false },
          1,
          false,
          'browser',
          'text/html',
        );
        if (page) this.addPage(page);
      } catch (error) {
        this.timings.browserMs += performance.now() - started;
        if (error instanceof BrowserCrashedError || this.options.signal?.aborted) throw error;
        const failure = error instanceof AttemptFailureError ? error.failure : failureFromBrowserError(String(error), base, Date.now() >= this.deadline);
        this.plan.record('click', { control: clickable.text }, failure.category === 'unsafe_target' ? 'refused' : 'failed', failure.message, performance.now() - started, 'browser');
      }
    }
  }

  private heuristicFields(): Record<string, FieldResult> {
    const fields: Record<string, FieldResult> = {};
    for (const column of this.columns) {
      const pages = this.extractions.filter((page) => page.open.has(column.name)).map((page) => page.result);
      fields[column.name] = mergeFieldResults(pages, [column]).fields[column.name];
    }
    return fields;
  }

  /** Columns without a good value yet (`decisiveOnly`: only those that decide success). */
  private missing(decisiveOnly: boolean): AttemptColumn[] {
    const fields = this.currentFields();
    const pool = decisiveOnly ? decisiveColumns(this.spec.columns) : this.spec.columns;
    return pool.filter((column) => {
      const field = fields[column.name];
      return !field || field.value === null || field.confidence < GOOD_ENOUGH;
    });
  }

  // ---------------------------------------------------------------- the model

  private async llmPhase(): Promise<void> {
    const client = this.deps.llm;
    if (!client || this.wantLlm === 'never' || this.visited.length === 0) return;
    const columns = this.wantLlm === 'always' ? this.columns : this.columns.filter((column) => this.missing(false).some((m) => m.name === column.name));
    if (columns.length === 0) return;
    // The pages navigated to last are the ones chosen for what is missing; the entry page last.
    const pages = [...this.visited].reverse().filter((page, index, all) => all.findIndex((other) => other.finalUrl === page.finalUrl) === index).slice(0, MAX_LLM_PAGES);
    const best: Record<string, LlmFieldResult> = {};
    for (const page of pages) {
      const remaining = this.deadline - Date.now();
      if (remaining < 1_000) {
        this.plan.record('llm_extract', { url: page.finalUrl }, 'skipped', 'no time left in the budget', 0, '');
        break;
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), remaining);
      const started = performance.now();
      try {
        const result = await llmExtract(
          {
            html: page.html,
            pageUrl: page.finalUrl,
            columns,
            instructionText: this.spec.instructionText || undefined,
            defaultRegion: this.spec.defaultRegion,
            locale: this.spec.locale,
            signal: controller.signal,
          },
          client,
        );
        this.timings.llmMs += result.latencyMs;
        this.usage.promptTokens += result.usage.promptTokens;
        this.usage.completionTokens += result.usage.completionTokens;
        this.usage.costUsd += result.costUsd;
        this.model = result.model;
        let found = 0;
        for (const [name, field] of Object.entries(result.fields)) {
          if (field.value !== null) found += 1;
          if (!best[name] || (field.value !== null && field.confidence > best[name].confidence)) best[name] = field;
        }
        this.plan.record(
          'llm_extract',
          { url: page.finalUrl, model: result.model, tokens: result.usage.totalTokens },
          result.outputProblem ? 'failed' : 'ok',
          result.outputProblem ? `the model's reply was unusable (${result.outputProblem})` : `${found} of ${columns.length} fields`,
          performance.now() - started,
          '',
        );
        if (columns.every((column) => best[column.name]?.value != null)) break;
      } catch (error) {
        this.timings.llmMs += performance.now() - started;
        const message = isLlmError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
        this.plan.record('llm_extract', { url: page.finalUrl }, 'failed', message, performance.now() - started, '');
        if (this.options.signal?.aborted) throw error;
        if (!isLlmError(error) || !error.retryable) break;
      } finally {
        clearTimeout(timer);
      }
    }
    if (Object.keys(best).length > 0) this.llmFields = best;
  }

  // ---------------------------------------------------------------- screenshots and result

  private async takeScreenshot(): Promise<void> {
    const sink = this.deps.screenshots;
    if (!this.spec.budget.screenshots || !sink) return;
    const failure = this.failure;
    const nothingToShow =
      failure &&
      (failure.category === 'unsafe_target' ||
        failure.category === 'timeout' ||
        (failure.category === 'page_error' && ['dns', 'connection', 'tls', 'invalid_url', 'redirect_loop', 'too_large', 'browser_crashed'].includes(failure.reason)));
    if (nothingToShow) {
      this.plan.record('screenshot', {}, 'skipped', `nothing to show (${failure.category}:${failure.reason})`, 0, '');
      return;
    }
    const kind: 'final' | 'failure' = this.failure ? 'failure' : 'final';
    const graceDeadline = Math.max(this.deadline, Date.now()) + SCREENSHOT_GRACE_MS;
    const started = performance.now();
    try {
      let browser = this.browser;
      if (!browser) {
        // An HTTP-only attempt: render its last page once, for the picture only.
        browser = await this.openBrowser(false);
        await browser.visit(this.finalUrl, graceDeadline);
      }
      const png = await browser.screenshot(graceDeadline);
      if (!png) {
        this.plan.record('screenshot', { kind }, 'failed', 'the browser took no screenshot in time', performance.now() - started, 'browser');
        return;
      }
      const stored = await sink.put({
        organizationId: this.spec.organizationId,
        scope: this.options.screenshotScope,
        kind,
        pageUrl: browser.page.url(),
        png,
      });
      this.screenshots.push(stored);
      this.plan.record('screenshot', { kind, key: stored.objectKey }, 'ok', `${Math.round(stored.bytes / 1024)} KB`, performance.now() - started, 'browser');
    } catch (error) {
      if (error instanceof BrowserCrashedError || error instanceof AttemptFailureError || error instanceof Error) {
        this.plan.record('screenshot', { kind }, 'failed', error.message, performance.now() - started, 'browser');
      }
    } finally {
      this.timings.browserMs += performance.now() - started;
    }
  }

  private assemble(): AttemptResult {
    const heuristic = this.currentFields();
    let fields: FieldOutcome[];
    // The strategy that produced the result: the model when it answered (asked for, or when
    // it filled a column the engine missed), a recipe when it read any column (each field's
    // evidence says which: source `recipe`, or the heuristic's own sources), the engine otherwise.
    const byRecipe = Object.values(heuristic).some((field) => field.value !== null && field.evidence?.source === 'recipe');
    let strategy: StrategyName = this.llmFields && this.wantLlm === 'always' ? 'llm' : byRecipe ? 'config' : 'heuristic';
    if (this.llmFields) {
      const combined = combineFieldResults(this.columns, heuristic, this.llmFields, {
        defaultRegion: this.spec.defaultRegion,
        locale: this.spec.locale,
      });
      fields = this.columns.map((column) => fieldOutcome(column.name, combined[column.name]));
      if (Object.values(combined).some((field) => field.strategy === 'llm' || field.strategy === 'both')) strategy = 'llm';
    } else {
      fields = this.columns.map((column) => fieldOutcome(column.name, heuristic[column.name]));
    }
    let failure = this.failure;
    if (!failure && this.budgetFailure) {
      const found = new Set(fields.filter((field) => field.value !== null).map((field) => field.name));
      if (decisiveColumns(this.spec.columns).some((column) => !found.has(column.name))) failure = this.budgetFailure;
    }
    const decided = attemptStatus(this.spec.columns, fields, failure);
    let requests = this.usage.requests;
    let bytes = this.usage.bytes;
    let refused = this.usage.refused;
    for (const session of this.browserSessions) {
      const stats = session.stats;
      requests += stats.requests;
      bytes += stats.bytes;
      refused += stats.refused.length;
    }
    return {
      status: decided.status,
      failure: decided.failure,
      strategy,
      mode: this.mode,
      steps: this.plan.steps,
      fields,
      timings: { ...this.timings, totalMs: Date.now() - this.started },
      usage: {
        bytesTransferred: bytes,
        pagesVisited: this.visited.length,
        requests,
        refusedRequests: refused,
        promptTokens: this.usage.promptTokens,
        completionTokens: this.usage.completionTokens,
        costUsd: Math.round(this.usage.costUsd * 1e6) / 1e6,
      },
      screenshots: this.screenshots,
      finalUrl: this.finalUrl,
      pages: this.visited.map((page) => page.finalUrl),
      model: this.model,
      startedAt: this.startedAt,
    };
  }
}

/** How long to wait before asking again after 503/429: Retry-After when short, else a small backoff. */
export function retryDelay(retryAfter: string | undefined, retry: number): number | undefined {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (Number.isFinite(ms)) return ms <= 3_000 ? Math.max(0, Math.round(ms)) : undefined;
  }
  return Math.min(2_000, 250 * 2 ** retry);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] as string);
}
