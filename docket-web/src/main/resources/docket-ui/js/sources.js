// The sources page: each Stenographer sensor and local store, its health, oldest and newest packet,
// and whatever counters it reports of itself (disk, queries), exactly as the source says them.
import { api, clearError, showError, el, timeElement } from './common.js';

const body = document.querySelector('#sources tbody');
const OLDEST = ['oldest', 'oldest-packet', 'first', 'earliest'];
const NEWEST = ['newest', 'newest-packet', 'last', 'latest'];

function pick(stats, names) {
  const key = Object.keys(stats).find((k) => names.some((n) => k === n || k.endsWith('.' + n) || k.endsWith('-' + n)));
  return key ? stats[key] : null;
}

function time(value) {
  return value && !Number.isNaN(Date.parse(value)) ? timeElement(value) : el('span', value || '–');
}

async function refresh() {
  const status = document.getElementById('sources-status');
  status.textContent = 'asking the sources…';
  try {
    const answer = await api('api/v1/sources');
    clearError();
    body.replaceChildren();
    for (const source of answer.sources) {
      const stats = source.stats || {};
      const tr = document.createElement('tr');
      const health = el('td');
      health.append(el('span', source.healthy ? 'healthy' : 'unhealthy', 'state ' + (source.healthy ? 'done' : 'failed')));
      if (source.error) health.append(el('p', source.error, 'error-text'));
      const oldest = el('td');
      oldest.append(time(pick(stats, OLDEST)));
      const newest = el('td');
      newest.append(time(pick(stats, NEWEST)));
      const counters = el('td');
      const keys = Object.keys(stats);
      if (keys.length) {
        const dl = el('dl', null, 'pairs');
        for (const key of keys) dl.append(el('dt', key), el('dd', stats[key]));
        counters.append(dl);
      } else {
        counters.append(el('span', 'this source reports no counters', 'hint'));
      }
      tr.append(el('th', source.name), health, oldest, newest, counters);
      tr.firstChild.scope = 'row';
      body.append(tr);
    }
    status.textContent = answer.sources.length + (answer.sources.length === 1 ? ' source' : ' sources') + ', asked ' + new Date().toLocaleTimeString();
  } catch (error) {
    status.textContent = '';
    showError(error);
  }
}

document.getElementById('refresh').addEventListener('click', refresh);
refresh();
