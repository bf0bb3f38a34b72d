// One job: its state and each source's, the events, Get PCAP, and once it has ended the summary —
// a uPlot histogram, top conversations and hosts as links to the query page narrowed to them,
// protocols and the first packets. Live from the job's server-sent events.
import { api, apiUrl, bytes, count, clearError, showError, el, utc, local, queryPageUrl, confirmThen, progressOf, ENDED } from './common.js';

const $ = (id) => document.getElementById(id);
const id = new URLSearchParams(location.search).get('id');
let events = null;
let drawn = false;
let windowTerms = null;

function render(job) {
  document.title = 'Job ' + job.state + ' — Docket';
  $('job-id').textContent = job.id.slice(0, 12);
  $('job-query').textContent = job.query;
  $('job-state').textContent = job.state;
  $('job-state').className = 'state ' + job.state;
  $('job-progress').value = progressOf(job);
  $('job-reason').hidden = !job.reason;
  $('job-reason').textContent = job.reason || '';
  const pcap = $('get-pcap');
  pcap.hidden = !job.links.pcap;
  if (job.links.pcap) {
    pcap.href = job.links.pcap;
    pcap.textContent = 'Get PCAP (' + bytes(job['result-bytes']) + ')';
  }
  $('cancel').hidden = ENDED.has(job.state);

  const sources = $('job-sources').tBodies[0];
  sources.replaceChildren();
  for (const source of job.sources) {
    const tr = document.createElement('tr');
    const read = source['bytes-planned'] > 0
        ? bytes(source['bytes-read']) + ' of ' + bytes(source['bytes-planned'])
        : bytes(source['bytes-read']);
    tr.append(el('td', source.name), el('td', source.state), el('td', read), el('td', count(source['packets-matched']), 'num'),
        el('td', source.error || '', 'error-text'));
    sources.append(tr);
  }
  const list = $('events');
  list.replaceChildren();
  for (const event of job.events) {
    const li = el('li');
    const at = el('time', utc(event.at), 'mono');
    at.dateTime = event.at;
    at.title = local(event.at);
    li.append(at, ' ', el('strong', event.kind), ' ', event.message);
    list.append(li);
  }
  // Drawn once, from the job as it ended: a summary seen while it runs is not yet the whole.
  if (job.summary && ENDED.has(job.state) && !drawn) {
    drawn = true;
    summary(job);
  }
}

// ---- the summary ----

async function narrowing(job) {
  // The links keep the job's own window: the narrowed query is about the same incident.
  if (windowTerms === null) {
    windowTerms = '';
    try {
      const parsed = await api('api/v1/parse', { json: { query: job.query } });
      const terms = [];
      if (parsed.window.after) terms.push('after ' + parsed.window.after);
      if (parsed.window.before) terms.push('before ' + parsed.window.before);
      windowTerms = terms.join(' and ');
    } catch (error) {
      showError(error);
    }
  }
  return windowTerms;
}

function narrowLink(words, terms, window) {
  const a = el('a', words);
  a.href = queryPageUrl([...terms, ...(window ? [window] : [])].join(' and '));
  return a;
}

function endpoint(text) {
  const [address, port] = text.split(' ');
  return { address, port };
}

async function summary(job) {
  const s = job.summary;
  $('summary').hidden = false;
  $('totals').textContent = count(s.packets) + ' packets, ' + bytes(s.bytes) + ' captured (' + bytes(s['wire-bytes']) + ' on the wire)'
      + (s.first ? ', from ' + utc(s.first) + ' to ' + utc(s.last) : '') + '.';
  chart(s.histogram);
  const window = await narrowing(job);
  const conversations = $('conversations').tBodies[0];
  conversations.replaceChildren();
  for (const c of s.conversations.top) {
    const a = endpoint(c.a);
    const b = endpoint(c.b);
    const terms = ['host ' + a.address, 'host ' + b.address];
    if (['tcp', 'udp', 'sctp', 'icmp', 'icmp6'].includes(c.protocol)) terms.push(c.protocol);
    if (a.port) terms.push('port ' + a.port);
    if (b.port && b.port !== a.port) terms.push('port ' + b.port);
    const tr = document.createElement('tr');
    const cell = el('td');
    cell.append(narrowLink(c.a + ' ↔ ' + c.b, terms, window));
    tr.append(el('td', c.protocol), cell, el('td', count(c.packets), 'num'), el('td', bytes(c.bytes), 'num'));
    conversations.append(tr);
  }
  const hosts = $('hosts').tBodies[0];
  hosts.replaceChildren();
  for (const h of s.hosts.top) {
    const tr = document.createElement('tr');
    const cell = el('td');
    cell.append(narrowLink(h.address, ['host ' + h.address], window));
    tr.append(cell, el('td', count(h.packets), 'num'), el('td', bytes(h.bytes), 'num'));
    hosts.append(tr);
  }
  const protocols = $('protocols').tBodies[0];
  protocols.replaceChildren();
  for (const p of s.protocols) {
    const tr = document.createElement('tr');
    tr.append(el('td', p.protocol), el('td', count(p.packets), 'num'), el('td', bytes(p.bytes), 'num'));
    protocols.append(tr);
  }
  $('first-packets').textContent = s['first-packets'].join('\n');
}

function chart(histogram) {
  const where = $('chart');
  where.replaceChildren();
  if (!window.uPlot) {
    where.textContent = 'The chart library did not load.';
    return;
  }
  const step = histogram['bucket-nanos'] / 1e9;
  const x = histogram.buckets.map((b) => b[0] / 1e9);
  const packets = histogram.buckets.map((b) => b[1]);
  const octets = histogram.buckets.map((b) => b[2]);
  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const width = Math.max(320, where.clientWidth);
  const plot = new window.uPlot({
    width,
    height: 260,
    // Times on the axis in UTC, as everywhere else on the page.
    tzDate: (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    scales: { x: { time: true, range: (u, min, max) => [min, max + step] }, bytes: {} },
    axes: [
      { stroke: color('--muted'), grid: { stroke: color('--line') } },
      { stroke: color('--muted'), grid: { stroke: color('--line') }, label: 'packets' },
      { scale: 'bytes', side: 1, stroke: color('--muted'), grid: { show: false }, label: 'bytes', values: (u, ticks) => ticks.map(bytes) },
    ],
    series: [
      { label: 'UTC' },
      { label: 'packets', stroke: color('--bar'), fill: color('--bar') + '99', paths: window.uPlot.paths.bars({ size: [0.9, 80], align: 1 }) },
      { label: 'bytes', scale: 'bytes', stroke: color('--bar2'), width: 2, value: (u, v) => (v === null ? '–' : bytes(v)) },
    ],
  }, [x, packets, octets], where);
  new ResizeObserver(() => plot.setSize({ width: Math.max(320, where.clientWidth), height: 260 })).observe(where);
}

// ---- live updates ----

function listen(job) {
  if (ENDED.has(job.state)) return;
  events = new EventSource(apiUrl(job.links.events), { withCredentials: true });
  events.addEventListener('job', (message) => {
    const next = JSON.parse(message.data);
    render(next);
    if (ENDED.has(next.state)) {
      events.close();
      // The record as it finally stands, summary included.
      load(false);
    }
  });
  events.addEventListener('error', () => {
    // The stream ends when the job does; otherwise the browser reconnects by itself. A job that
    // is gone (deleted, expired) is said by loading it.
    if (events.readyState === EventSource.CLOSED) load(false);
  });
}

async function load(andListen) {
  try {
    const job = await api('api/v1/jobs/' + encodeURIComponent(id));
    clearError();
    render(job);
    if (andListen) listen(job);
  } catch (error) {
    showError(error);
  }
}

$('cancel').addEventListener('click', async () => {
  try {
    render(await api('api/v1/jobs/' + encodeURIComponent(id) + '/cancel', { method: 'POST' }));
  } catch (error) {
    showError(error);
  }
});
$('delete').addEventListener('click', () => confirmThen($('delete'), async () => {
  try {
    await api('api/v1/jobs/' + encodeURIComponent(id), { method: 'DELETE' });
    location.assign('jobs.html');
  } catch (error) {
    showError(error);
  }
}));

if (!id) {
  showError(new Error('No job given: open a job from the jobs page.'));
} else {
  load(true);
}
