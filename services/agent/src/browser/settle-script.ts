// Injected into every page at document start: records when the DOM last changed and how many
// short timers are pending, so the agent can tell "still rendering" from "done" without knowing
// the site — content rendered after a setTimeout, a fetch() or an XHR shows up as a pending
// timer or request followed by DOM mutations. Long or repeating timers (carousels, polling)
// are not counted: they never end.
export const SETTLE_INIT_SCRIPT = `(() => {
  if (window.__fwSettle) return;
  const originalSetTimeout = window.setTimeout;
  const state = { lastMutation: performance.now(), timers: new Set(), setTimeout: originalSetTimeout };
  window.__fwSettle = state;
  const originalClearTimeout = window.clearTimeout;
  window.setTimeout = function (handler, delay, ...rest) {
    const ms = Number(delay) || 0;
    if (typeof handler !== 'function' || ms > 1500) return originalSetTimeout.call(window, handler, delay, ...rest);
    let id;
    id = originalSetTimeout.call(window, function () {
      state.timers.delete(id);
      return handler.apply(this, arguments);
    }, delay, ...rest);
    state.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    state.timers.delete(id);
    return originalClearTimeout.call(window, id);
  };
  const observer = new MutationObserver(() => { state.lastMutation = performance.now(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/**
 * Evaluated in the page: resolves once no short timer is pending and the DOM has been quiet for
 * `quietMs`, or after `maxMs`. Polls with the page's own, unhooked setTimeout.
 */
export const SETTLE_WAIT = `([quietMs, maxMs]) => new Promise((resolve) => {
  const state = window.__fwSettle;
  if (!state) { resolve(true); return; }
  const started = performance.now();
  const tick = () => {
    const quiet = performance.now() - state.lastMutation;
    if (quiet >= quietMs && state.timers.size === 0) resolve(true);
    else if (performance.now() - started >= maxMs) resolve(false);
    else state.setTimeout.call(window, tick, 40);
  };
  tick();
})`;
