// What every page shares: calls to the API under the base path, errors shown rather than swallowed,
// and sizes and times written the same way everywhere.

// The pages live at <base>/ui/, so the API is one level up, wherever the server is mounted.
// A page opened as http://user:password@host/ keeps the credentials in its address, and fetch()
// refuses such URLs: the browser's own authentication cache sends them instead.
export const BASE = new URL('../', document.baseURI);
BASE.username = '';
BASE.password = '';

const PAGES = [['index.html', 'Query'], ['jobs.html', 'Jobs'], ['sources.html', 'Sources']];

/**
 * The parts every page has — the skip link, the header with the pages, the icon — written once
 * here rather than in each page's HTML. Modules run before the page is shown, so nothing flickers.
 */
function frame() {
  const icon = document.createElement('link');
  icon.rel = 'icon';
  icon.type = 'image/svg+xml';
  icon.href = 'favicon.svg';
  document.head.append(icon);
  const skip = el('a', 'Skip to the content', 'skip');
  skip.href = '#main';
  const header = el('header', null, 'top');
  const brand = el('a', 'Docket', 'brand');
  brand.href = 'index.html';
  const nav = el('nav');
  nav.setAttribute('aria-label', 'Pages');
  const here = location.pathname.split('/').pop() || 'index.html';
  for (const [href, words] of PAGES) {
    const link = el('a', words);
    link.href = href;
    if (href === here) link.setAttribute('aria-current', 'page');
    nav.append(link);
  }
  header.append(brand, nav);
  document.body.prepend(skip, header);
}

export class ApiError extends Error {
  constructor(status, error, detail, body) {
    super(detail || error || ('HTTP ' + status));
    this.status = status;
    this.error = error;
    this.body = body || {};
  }
}

/** Calls the API; answers its JSON (or null for 204), or throws an ApiError with the server's words. */
export async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options };
  if (options.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.json);
    delete init.json;
  }
  let response;
  try {
    response = await fetch(new URL(path, BASE), init);
  } catch (unreachable) {
    throw new ApiError(0, 'unreachable', 'the server did not answer (' + unreachable.message + ')');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (notJson) {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error, body ? body.detail : text.slice(0, 200), body);
  }
  return body;
}

/** A URL of the API (for links and EventSource), resolved under the base path. */
export function apiUrl(path) {
  return new URL(path, BASE).href;
}

/** Shows an error in the page's alert region, so a screen reader says it too. */
export function showError(error, where = document.getElementById('alert')) {
  if (!where) {
    return;
  }
  where.hidden = false;
  where.textContent = error instanceof ApiError && error.status
      ? error.message + ' (HTTP ' + error.status + ')'
      : String(error.message || error);
}

export function clearError(where = document.getElementById('alert')) {
  if (where) {
    where.hidden = true;
    where.textContent = '';
  }
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function bytes(count) {
  if (count === null || count === undefined) {
    return '–';
  }
  let value = Number(count);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value.toFixed(0) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + UNITS[unit];
}

export function count(number) {
  return number === null || number === undefined ? '–' : Number(number).toLocaleString('en');
}

export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const LOCAL = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  hour12: false, timeZoneName: 'short',
});

/** An instant in UTC, as the API writes it but without fractions that say nothing. */
export function utc(iso) {
  if (!iso) {
    return '–';
  }
  return new Date(iso).toISOString().replace(/\.\d+Z$/, 'Z').replace('T', ' ').replace('Z', ' UTC');
}

/** The same instant in the browser's own zone, named. */
export function local(iso) {
  return iso ? LOCAL.format(new Date(iso)) : '–';
}

/** A <time> showing UTC with the browser's zone beside it: no one is confused about zones. */
export function timeElement(iso) {
  const element = document.createElement('time');
  if (!iso) {
    element.textContent = '–';
    return element;
  }
  element.dateTime = iso;
  element.textContent = utc(iso);
  const zone = document.createElement('span');
  zone.className = 'zone';
  zone.textContent = local(iso);
  element.append(document.createElement('br'), zone);
  return element;
}

/** An element with text, the one way the pages build DOM: never innerHTML of server data. */
export function el(tag, text, className) {
  const element = document.createElement(tag);
  if (text !== undefined && text !== null) {
    element.textContent = String(text);
  }
  if (className) {
    element.className = className;
  }
  return element;
}

export function queryPageUrl(query) {
  return 'index.html?q=' + encodeURIComponent(query);
}

export function jobPageUrl(id) {
  return 'job.html?id=' + encodeURIComponent(id);
}

export const ENDED = new Set(['done', 'partial', 'failed', 'cancelled', 'expired']);

/** How far a job is, 0 to 1: the bytes its sources have read of those planned. */
export function progressOf(job) {
  if (job.state === 'done') return 1;
  const planned = job.progress['bytes-planned'];
  return planned > 0 ? Math.min(1, job.progress['bytes-read'] / planned) : 0;
}

/** A destructive button asks once more in its own words, without a modal in the way. */
export function confirmThen(button, action) {
  if (button.dataset.armed) {
    delete button.dataset.armed;
    button.textContent = 'Delete';
    action();
    return;
  }
  button.dataset.armed = 'yes';
  button.textContent = 'Really delete?';
  setTimeout(() => { delete button.dataset.armed; button.textContent = 'Delete'; }, 4000);
}

frame();
