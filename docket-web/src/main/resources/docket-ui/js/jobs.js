// The jobs page: the user's jobs (an admin's: everyone's), newest first, polled every two seconds
// while one runs, every five otherwise (jobs submitted elsewhere appear). Rows are updated in place, so a keyboard user's focus stays where it was.
import { api, bytes, clearError, showError, el, timeElement, jobPageUrl, confirmThen, progressOf, ENDED } from './common.js';

const rows = document.getElementById('job-rows');
const byId = new Map();
const RUNNING_POLL = 2000;
const IDLE_POLL = 5000;

function row(job) {
  const tr = document.createElement('tr');
  tr.dataset.id = job.id;
  tr.append(el('td'), el('td'), el('td', null, 'query'), el('td'), el('td'), el('td', null, 'num'), el('td'));
  const link = el('a');
  link.href = jobPageUrl(job.id);
  tr.cells[2].append(link);
  const state = el('span', null, 'state');
  tr.cells[3].append(state);
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.setAttribute('aria-label', 'Progress of ' + job.query);
  tr.cells[4].append(bar);
  const actions = el('div', null, 'cell-actions');
  const pcap = el('a', 'Get PCAP', 'button');
  pcap.setAttribute('download', '');
  const cancel = el('button', 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => act(() => api('api/v1/jobs/' + job.id + '/cancel', { method: 'POST' })));
  const remove = el('button', 'Delete', 'danger');
  remove.type = 'button';
  remove.addEventListener('click', () => confirmThen(remove, () => act(() => api('api/v1/jobs/' + job.id, { method: 'DELETE' }))));
  actions.append(pcap, cancel, remove);
  tr.cells[6].append(actions);
  tr.cells[0].append(timeElement(job.submitted));
  return tr;
}

function update(tr, job) {
  tr.cells[1].textContent = job.user;
  const link = tr.cells[2].firstChild;
  link.textContent = job.query;
  const state = tr.cells[3].firstChild;
  state.textContent = job.state;
  state.className = 'state ' + job.state;
  state.title = job.reason || '';
  tr.cells[4].firstChild.value = progressOf(job);
  tr.cells[5].textContent = job['result-bytes'] !== undefined ? bytes(job['result-bytes']) : '–';
  const [pcap, cancel] = tr.cells[6].firstChild.children;
  pcap.hidden = !job.links.pcap;
  if (job.links.pcap) {
    pcap.href = job.links.pcap;
    pcap.setAttribute('aria-label', 'Get PCAP of ' + job.query);
  }
  cancel.hidden = ENDED.has(job.state);
}

async function act(call) {
  clearError();
  try {
    await call();
  } catch (error) {
    showError(error);
  }
  refresh();
}

let timer = null;

async function refresh() {
  clearTimeout(timer);
  let running = false;
  try {
    const answer = await api('api/v1/jobs?limit=200');
    clearError();
    const seen = new Set();
    let before = rows.firstChild;
    for (const job of answer.jobs) {
      seen.add(job.id);
      let tr = byId.get(job.id);
      if (!tr) {
        tr = row(job);
        byId.set(job.id, tr);
      }
      update(tr, job);
      if (tr !== before) {
        rows.insertBefore(tr, before);
      } else {
        before = before.nextSibling;
      }
      running ||= !ENDED.has(job.state);
    }
    for (const [id, tr] of byId) {
      if (!seen.has(id)) {
        tr.remove();
        byId.delete(id);
      }
    }
    document.getElementById('no-jobs').hidden = answer.jobs.length > 0;
    document.getElementById('jobs-status').textContent = answer.total + (answer.total === 1 ? ' job' : ' jobs')
        + (running ? ', updating every 2 s while one runs' : '');
  } catch (error) {
    showError(error);
  }
  timer = setTimeout(refresh, running ? RUNNING_POLL : IDLE_POLL);
}

refresh();
