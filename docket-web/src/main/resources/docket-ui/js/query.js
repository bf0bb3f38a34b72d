// The query page: a form and the query language's text box kept in sync, every change checked by
// the server's own parser (/api/v1/parse), the window shown in UTC and the browser's zone, the
// estimate before submitting, and the whole query in the page's URL.
import { api, ApiError, bytes, count, clearError, showError, utc, local, LOCAL_ZONE, jobPageUrl, el } from './common.js';

const $ = (id) => document.getElementById(id);
const text = $('query');
const bpfInput = $('bpf-filter');
const form = $('query-form');
const PRESETS = ['15m', '1h', '24h'];
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmp6', 'sctp'];
let rowNumber = 0;
let checked = { seq: 0, ok: false, estimate: null };
let pendingSeq = 0;
let timer = null;
let knownSources = [];

// ---- the repeatable host/net/port rows ----

function addRow(kind, value = '', direction = '', negated = false) {
  const n = ++rowNumber;
  const li = el('li', null, 'term');
  li.dataset.kind = kind;
  const name = { host: 'Host', net: 'Network', port: 'Port' }[kind];
  const labelFor = (id, words) => { const l = el('label', words, 'sr-only'); l.htmlFor = id; return l; };

  const dir = document.createElement('select');
  dir.id = 'term-dir-' + n;
  for (const [v, words] of [['', 'either'], ['src', 'source'], ['dst', 'destination']]) {
    const o = el('option', words); o.value = v; dir.append(o);
  }
  dir.value = direction;
  const input = document.createElement('input');
  input.id = 'term-value-' + n;
  input.className = 'term-value';
  input.value = value;
  input.placeholder = { host: '10.1.9.106', net: '10.1.0.0/16', port: '53' }[kind];
  input.spellcheck = false;
  const not = document.createElement('input');
  not.type = 'checkbox';
  not.id = 'term-not-' + n;
  not.checked = negated;
  const notLabel = el('label', 'not'); notLabel.htmlFor = not.id;
  const remove = el('button', '×', 'icon');
  remove.type = 'button';
  remove.setAttribute('aria-label', 'Remove ' + name.toLowerCase() + ' ' + n);
  remove.addEventListener('click', () => { li.remove(); formChanged(); });

  const tag = el('span', name, 'term-kind');
  tag.setAttribute('aria-hidden', 'true');
  li.append(tag, labelFor(dir.id, name + ' ' + n + ' direction'), dir, labelFor(input.id, name + ' ' + n), input, not, notLabel, remove);
  $('term-list').append(li);
  return input;
}

// ---- form → text ----

function isoFromLocal(value) {
  return value ? new Date(value).toISOString().replace('.000Z', 'Z') : '';
}

function localFromIso(iso) {
  const d = new Date(iso);
  const p = (x) => String(x).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
}

function textFromForm() {
  const terms = [];
  for (const li of $('term-list').children) {
    const [dir, value, not] = li.querySelectorAll('select, input');
    if (!value.value.trim()) {
      continue;
    }
    terms.push((not.checked ? 'not ' : '') + (dir.value ? dir.value + ' ' : '') + li.dataset.kind + ' ' + value.value.trim());
  }
  if ($('proto').value) {
    terms.push($('proto').value);
  }
  if ($('vlan').value !== '') {
    terms.push('vlan ' + $('vlan').value);
  }
  if ($('mode-relative').checked) {
    const ago = $('relative').value === 'custom' ? $('duration').value.trim() : $('relative').value;
    if (ago) {
      terms.push('after ' + ago + ' ago');
    }
  } else {
    if ($('after').value) terms.push('after ' + isoFromLocal($('after').value));
    if ($('before').value) terms.push('before ' + isoFromLocal($('before').value));
  }
  return terms.join(' and ');
}

function formChanged() {
  text.value = textFromForm();
  $('beyond').hidden = true;
  // Not textChanged(): refilling the form would take the focus from the field being typed in.
  scheduleValidation();
}

// ---- text → form, for the queries the form can hold: a conjunction of its fields ----

function formFromText(query) {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const parsed = { rows: [], proto: '', vlan: '', relative: null, after: null, before: null };
  let i = 0;
  const next = () => words[i++];
  while (i < words.length) {
    let negated = false;
    let direction = '';
    let word = next();
    if (word === 'not') { negated = true; word = next(); }
    if (word === 'src' || word === 'dst') { direction = word; word = next(); }
    if (word === 'host' || word === 'net' || word === 'port') {
      const value = next();
      if (!value || /[()]/.test(value) || words[i] === 'mask') return null;
      parsed.rows.push([word, value, direction, negated]);
    } else if (PROTOCOLS.includes(word) && !negated && !direction && !parsed.proto) {
      parsed.proto = word;
    } else if (word === 'vlan' && !negated && !direction && parsed.vlan === '') {
      parsed.vlan = next();
      if (!/^\d+$/.test(parsed.vlan || '')) return null;
    } else if ((word === 'after' || word === 'before') && !negated && !direction) {
      const time = next();
      if (!time) return null;
      if (words[i] === 'ago') {
        i++;
        if (word !== 'after' || parsed.relative) return null;
        parsed.relative = time;
      } else {
        if (Number.isNaN(Date.parse(time))) return null;
        parsed[word] = time;
      }
    } else {
      return null;
    }
    if (i < words.length && next() !== 'and') return null;
  }
  if (parsed.relative && (parsed.after || parsed.before)) return null;
  return parsed;
}

function fillForm(parsed) {
  $('term-list').replaceChildren();
  for (const [kind, value, direction, negated] of parsed.rows) {
    addRow(kind, value, direction, negated);
  }
  $('proto').value = parsed.proto;
  $('vlan').value = parsed.vlan;
  const absolute = Boolean(parsed.after || parsed.before);
  $('mode-absolute').checked = absolute;
  $('mode-relative').checked = !absolute;
  if (parsed.relative) {
    const preset = PRESETS.includes(parsed.relative);
    $('relative').value = preset ? parsed.relative : 'custom';
    $('duration').value = preset ? '' : parsed.relative;
  }
  $('after').value = parsed.after ? localFromIso(parsed.after) : '';
  $('before').value = parsed.before ? localFromIso(parsed.before) : '';
  showTimeMode();
}

function showTimeMode() {
  $('relative-fields').hidden = !$('mode-relative').checked;
  $('absolute-fields').hidden = $('mode-relative').checked;
  $('duration').hidden = $('relative').value !== 'custom';
}

// ---- live validation through the server's parser ----

function textChanged() {
  const parsed = formFromText(text.value);
  if (parsed) {
    fillForm(parsed);
  }
  $('beyond').hidden = parsed !== null || !text.value.trim();
  scheduleValidation();
}

function scheduleValidation() {
  clearTimeout(timer);
  timer = setTimeout(validate, 200);
  writeUrl();
}

async function validate() {
  const seq = ++pendingSeq;
  const query = text.value;
  const bpf = bpfInput.value.trim();
  const status = $('query-status');
  clearBpfError();
  if (!query.trim() && !bpf) {
    checked = { seq, ok: false, estimate: null };
    status.textContent = 'Type a query, or fill the form.';
    status.className = 'status';
    text.removeAttribute('aria-invalid');
    $('query-echo').hidden = true;
    return;
  }
  try {
    const answer = await api('api/v1/parse', { json: { query, ...(bpf ? { bpf } : {}) } });
    if (seq !== pendingSeq) return;
    checked = { seq, ok: true, estimate: null };
    if (bpf) {
      $('bpf-filter-status').textContent = 'libpcap compiles the tcpdump filter.';
      $('bpf-filter-status').className = 'status ok';
    }
    text.removeAttribute('aria-invalid');
    status.textContent = 'The query is valid.';
    status.className = 'status ok';
    $('query-echo').hidden = true;
    $('canonical').textContent = answer.canonical;
    $('stenographer').textContent = answer.stenographer + (answer['stenographer-relaxed'] ? '  (relaxed: Docket filters the rest)' : '');
    $('bpf').textContent = answer.bpf || answer['bpf-error'] || '–';
    showWindow(answer.window);
    estimate(query, bpf, seq);
  } catch (error) {
    if (seq !== pendingSeq) return;
    checked = { seq, ok: false, estimate: null };
    if (error instanceof ApiError && error.status === 400 && error.body.field === 'bpf') {
      showBpfError(error);
    } else if (error instanceof ApiError && error.status === 400) {
      showParseError(query, error);
    } else {
      showError(error);
    }
  }
}

function showParseError(query, error) {
  const status = $('query-status');
  text.setAttribute('aria-invalid', 'true');
  status.className = 'status bad';
  const column = error.body.column;
  status.textContent = error.message;
  const echo = $('query-echo');
  echo.replaceChildren();
  if (column) {
    // The text with the offending character marked: the column the parser names, 1-based.
    const at = Math.min(column - 1, query.length);
    const mark = el('mark', query.slice(at, at + 1) || ' ');
    mark.id = 'error-mark';
    mark.dataset.column = String(column);
    echo.append(query.slice(0, at), mark, query.slice(at + 1));
    echo.hidden = false;
    // Also put the caret there, unless the user is typing elsewhere in it.
    if (document.activeElement !== text) {
      text.setSelectionRange(at, at + 1);
    }
  } else {
    echo.hidden = true;
  }
  for (const id of ['canonical', 'stenographer', 'bpf']) $(id).textContent = '–';
  $('estimate').textContent = '–';
}

/** libpcap's refusal under the tcpdump filter's field, the Advanced section opened so that it shows. */
function showBpfError(error) {
  $('advanced').open = true;
  bpfInput.setAttribute('aria-invalid', 'true');
  const where = $('bpf-filter-status');
  where.textContent = error.message;
  where.className = 'status bad';
  const status = $('query-status');
  status.textContent = 'The tcpdump filter (under Advanced) is not valid.';
  status.className = 'status bad';
  text.removeAttribute('aria-invalid');
  $('query-echo').hidden = true;
  for (const id of ['canonical', 'stenographer', 'bpf']) $(id).textContent = '–';
  $('estimate').textContent = '–';
}

function clearBpfError() {
  bpfInput.removeAttribute('aria-invalid');
  $('bpf-filter-status').textContent = '';
  $('bpf-filter-status').className = 'status';
}

function showWindow(window) {
  const after = window && window.after;
  const before = window && window.before;
  $('window-zone-name').textContent = LOCAL_ZONE;
  if (!after && !before) {
    $('window-utc').textContent = 'all time: no after or before given';
    $('window-local').textContent = '–';
    return;
  }
  $('window-utc').textContent = (after ? utc(after) : 'the beginning') + ' → ' + (before ? utc(before) : 'now');
  $('window-local').textContent = (after ? local(after) : 'the beginning') + ' → ' + (before ? local(before) : 'now');
}

async function estimate(query, bpf, seq) {
  const where = $('estimate');
  where.textContent = 'estimating…';
  try {
    const params = new URLSearchParams({ query });
    if (bpf) params.set('bpf', bpf);
    const chosen = chosenSources();
    if (chosen) params.set('sources', chosen.join(','));
    const answer = await api('api/v1/estimate?' + params);
    if (seq !== pendingSeq) return;
    checked.estimate = answer;
    where.replaceChildren();
    const line = el('p', 'About ' + bytes(answer.bytes) + ' to read, at most ' + count(answer['packets-at-most']) + ' packets'
        + (answer['window-seconds'] !== undefined ? ', over ' + duration(answer['window-seconds']) : '') + '.');
    line.id = 'estimate-total';
    where.append(line);
    const list = el('ul', null, 'plain-list');
    for (const source of answer.sources) {
      list.append(el('li', source.name + ': ' + (source.known
          ? bytes(source.bytes) + (source.files !== undefined ? ' in ' + count(source.files) + ' files' : '')
          : 'cannot say in advance')));
    }
    where.append(list);
    if (answer['too-large']) {
      const why = answer['too-large'];
      where.append(el('p', 'Above the limit: ' + why + (why.endsWith('.') ? '' : '.') + ' You will be asked to confirm.', 'warn'));
    }
  } catch (error) {
    if (seq !== pendingSeq) return;
    where.textContent = 'No estimate: ' + error.message;
  }
}

function duration(seconds) {
  if (seconds < 120) return seconds + ' s';
  if (seconds < 7200) return Math.floor(seconds / 60) + ' min' + (seconds % 60 ? ' ' + (seconds % 60) + ' s' : '');
  return (seconds / 3600).toFixed(1) + ' h';
}

// ---- sources, options and the URL ----

async function loadSources(wanted) {
  const list = $('source-list');
  try {
    const answer = await api('api/v1/sources');
    knownSources = answer.sources.map((s) => s.name);
    list.replaceChildren();
    for (const source of answer.sources) {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'source-' + source.name;
      box.value = source.name;
      box.checked = !wanted || wanted.includes(source.name);
      box.addEventListener('change', scheduleValidation);
      const label = el('label', source.name + (source.healthy ? '' : ' (unhealthy)'));
      label.htmlFor = box.id;
      list.append(el('span', null, 'check'));
      list.lastChild.append(box, label);
    }
  } catch (error) {
    list.textContent = 'The sources could not be listed: ' + error.message;
  }
}

/** The sources ticked, or null when all are (the server then asks every one). */
function chosenSources() {
  const boxes = [...document.querySelectorAll('#source-list input[type=checkbox]')];
  if (!boxes.length || boxes.every((b) => b.checked)) return null;
  return boxes.filter((b) => b.checked).map((b) => b.value);
}

function options() {
  const json = {};
  if ($('max-packets').value) json['max-packets'] = Number($('max-packets').value);
  if ($('max-bytes').value) json['max-bytes'] = Number($('max-bytes').value);
  if ($('format').value !== 'pcap') json.format = $('format').value;
  if ($('dedupe').checked) json.dedupe = true;
  if (bpfInput.value.trim()) json.bpf = bpfInput.value.trim();
  const sources = chosenSources();
  if (sources) json.sources = sources;
  return json;
}

function writeUrl() {
  const params = new URLSearchParams();
  if (text.value.trim()) params.set('q', text.value);
  for (const [key, value] of Object.entries(options())) {
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const url = location.pathname + (params.toString() ? '?' + params : '');
  if (url !== location.pathname + location.search) {
    history.replaceState(null, '', url);
  }
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  text.value = params.get('q') || '';
  $('max-packets').value = params.get('max-packets') || '';
  $('max-bytes').value = params.get('max-bytes') || '';
  $('format').value = params.get('format') || 'pcap';
  $('dedupe').checked = params.get('dedupe') === 'true';
  bpfInput.value = params.get('bpf') || '';
  if (['max-packets', 'max-bytes', 'format', 'dedupe', 'sources', 'bpf'].some((key) => params.has(key))) {
    $('advanced').open = true;
  }
  return params.get('sources') ? params.get('sources').split(',') : null;
}

// ---- submitting ----

async function submit(acceptLarge) {
  clearError();
  clearTimeout(timer);
  await validate();
  if (!checked.ok) {
    text.focus();
    return;
  }
  if (!acceptLarge && checked.estimate && checked.estimate['too-large']) {
    $('confirm-text').textContent = checked.estimate['too-large'];
    $('confirm-large').showModal();
    return;
  }
  const button = $('submit');
  button.disabled = true;
  try {
    const job = await api('api/v1/jobs', { json: { query: text.value, ...options(), ...(acceptLarge ? { 'accept-large': true } : {}) } });
    location.assign(jobPageUrl(job.id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 413 && !acceptLarge) {
      $('confirm-text').textContent = error.message;
      $('confirm-large').showModal();
    } else if (error instanceof ApiError && error.status === 400 && error.body.field === 'bpf') {
      showBpfError(error);
    } else if (error instanceof ApiError && error.status === 400 && error.body.column) {
      showParseError(text.value, error);
    } else {
      showError(error);
    }
  } finally {
    button.disabled = false;
  }
}

// ---- wiring ----

$('zone-hint').textContent = 'in your zone, ' + LOCAL_ZONE;
$('add-host').addEventListener('click', () => addRow('host').focus());
$('add-net').addEventListener('click', () => addRow('net').focus());
$('add-port').addEventListener('click', () => addRow('port').focus());
for (const id of ['time', 'terms', 'protocol']) {
  $(id).addEventListener('input', () => { showTimeMode(); formChanged(); });
  $(id).addEventListener('change', () => { showTimeMode(); formChanged(); });
}
for (const id of ['max-packets', 'max-bytes', 'format', 'dedupe']) {
  $(id).addEventListener('change', writeUrl);
}
text.addEventListener('input', textChanged);
bpfInput.addEventListener('input', scheduleValidation);
// Enter submits; Shift+Enter is a new line, for the long queries that need one.
text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});
form.addEventListener('submit', (event) => { event.preventDefault(); submit(false); });
$('confirm-large').addEventListener('close', () => {
  if ($('confirm-large').returnValue === 'run') submit(true);
});
window.addEventListener('popstate', () => { readUrl(); textChanged(); });

const wantedSources = readUrl();
loadSources(wantedSources);
if (text.value.trim()) {
  textChanged();
} else {
  formChanged();
}
showTimeMode();
