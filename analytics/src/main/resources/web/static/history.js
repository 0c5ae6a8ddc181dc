// The history page: a mat's sessions over 7, 30 or 90 days (GET /api/sessions), the minutes
// with the lower back on the spikes per day against the guidance, time on the mat beside them
// (GET /api/daily), and one session's
// coverage over time with its postures and shifts (GET /api/sessions/{id}); charts by uPlot.
import {
  POSTURE_COLOURS, ZONE, clock, duration, fillMatSelect, getJson, isoDate, linkNav, listMats, matFromUrl, percent,
  postureShort, setUrlParams,
} from './common.js';

const $ = (id) => document.getElementById(id);
const RANGES = [7, 30, 90];
/** Why a session ended (the API's end_reason), in words. */
const END_REASONS = { 'got-off': 'got off the mat', silent: 'the mat went quiet', 'end-of-recording': 'end of the recording' };
const DAY_S = 86400;

const page = {
  mat: null,
  days: 7,
  sessions: [],
  selected: null,
  dailyPlot: null,
  sessionPlot: null,
  more: false,
  load: 0, // a counter: answers of an older load are dropped
};

async function main() {
  const q = new URLSearchParams(location.search);
  const days = Number(q.get('days'));
  page.days = RANGES.includes(days) ? days : 7;
  for (const input of document.querySelectorAll('#range input')) {
    input.checked = Number(input.value) === page.days;
    input.addEventListener('change', () => {
      page.days = Number(input.value);
      setUrlParams({ days: page.days });
      load();
    });
  }
  $('mat').addEventListener('change', (e) => {
    page.mat = e.target.value;
    page.selected = null;
    setUrlParams({ mat: page.mat, session: null });
    linkNav(page.mat);
    load();
  });
  new ResizeObserver(() => resizeCharts()).observe(document.querySelector('.history-main'));

  let mats = [];
  try {
    mats = await listMats();
  } catch (e) {
    showError(`Cannot list the mats: ${e.message}`);
  }
  // The URL's mat, else the first with a history, else the first at all.
  page.mat = matFromUrl() || (mats.find((m) => m.has_sessions) || mats[0] || {}).mat || null;
  fillMatSelect($('mat'), mats, page.mat);
  linkNav(page.mat);
  page.selected = q.get('session');
  if (!page.mat) {
    $('summary').textContent = 'No mat has a history yet: lie down on a mat for a session first.';
    drawDaily([]);
    return;
  }
  setUrlParams({ mat: page.mat });
  load();
}

/** The period: the last N days, today included, in local days (midnight to midnight). */
function period() {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  from.setDate(from.getDate() - (page.days - 1));
  const to = new Date();
  to.setHours(0, 0, 0, 0);
  return { from, to };
}

/** The API's parameters (docs/WEB.md): dates in the browser's zone; `to` a date means to its end. */
function query(extra = {}) {
  const { from, to } = period();
  return new URLSearchParams({ mat: page.mat, from: isoDate(from), to: isoDate(to), tz: ZONE, ...extra }).toString();
}

async function load() {
  const n = ++page.load;
  const { from, to } = period();
  $('csv').href = `/api/sessions.csv?${query()}`;
  $('csv').setAttribute('download', '');
  $('summary').textContent = 'Loading…';
  const [sessions, daily] = await Promise.allSettled([
    getJson(`/api/sessions?${query({ limit: 1000 })}`),
    getJson(`/api/daily?${query()}`),
  ]);
  if (n !== page.load) {
    return;
  }
  if (sessions.status === 'fulfilled') {
    page.sessions = listOf(sessions.value, 'sessions').map(normaliseSession).filter((s) => s.id)
      .sort((a, b) => b.start - a.start);
    page.more = Boolean(sessions.value && sessions.value.more);
    renderTable();
  } else {
    page.sessions = [];
    renderTable(`Cannot load the sessions: ${sessions.reason.message}`);
  }
  let days = [];
  if (daily.status === 'fulfilled') {
    days = listOf(daily.value, 'days').map(normaliseDay).filter((d) => d.day != null);
  } else if (page.sessions.length) {
    days = daysFromSessions(page.sessions); // the same totals, added up here
  }
  drawDaily(days, from, to);
  renderSummary();
  const chosen = page.selected && page.sessions.find((s) => s.id === page.selected);
  if (chosen) {
    openSession(chosen, false);
  } else {
    $('detail').hidden = true;
  }
}

// ---- the API's answers, taken leniently (docs/WEB.md) ----

function listOf(body, key) {
  if (Array.isArray(body)) {
    return body;
  }
  for (const k of [key, 'items', 'data', 'points', 'rows']) {
    if (body && Array.isArray(body[k])) {
      return body[k];
    }
  }
  return [];
}

/** Epoch seconds from an ISO string, or a number in s, ms or us. */
function seconds(v) {
  if (v == null) {
    return null;
  }
  if (typeof v === 'string' && !/^-?\d+(\.\d+)?$/.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t / 1000 : null;
  }
  const x = Number(v);
  if (!Number.isFinite(x)) {
    return null;
  }
  return x > 1e14 ? x / 1e6 : x > 1e11 ? x / 1e3 : x;
}

function first(o, ...keys) {
  for (const k of keys) {
    if (o[k] !== undefined && o[k] !== null) {
      return o[k];
    }
  }
  return null;
}

function normaliseSession(s) {
  const start = seconds(first(s, 'start', 'start_time', 'start_ms', 'start_us', 'time'));
  const durationS = Number(first(s, 'duration_s', 'duration') ?? 0);
  return {
    raw: s,
    id: first(s, 'session_id', 'id'),
    mat: first(s, 'mat'),
    start,
    end: seconds(first(s, 'end', 'end_time', 'end_ms', 'end_us')) ?? (start != null ? start + durationS : null),
    duration: durationS,
    lowerBack: Number(first(s, 'lower_back_time_s') ?? 0),
    coverage: first(s, 'lower_back_coverage_mean', 'mean_coverage', 'coverage_mean'),
    shifts: first(s, 'posture_shifts', 'shifts'),
    active: Boolean(first(s, 'active')),
    endReason: first(s, 'end_reason'),
    postures: first(s, 'posture_time_s', 'postures') ?? postureTimes(s),
  };
}

/** {"time_supine_s": 540, "time_left_s": 60} -> {supine: 540, left: 60}, or null. */
function postureTimes(s) {
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    const m = /^time_([a-z]+)_s$/.exec(k);
    if (m && v != null) {
      out[m[1]] = Number(v);
    }
  }
  return Object.keys(out).length ? out : null;
}

function normaliseDay(d) {
  let day = first(d, 'day', 'date', 'time', 'start');
  // "2026-11-25" is a local calendar day; anything else a time.
  if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const [y, m, dd] = day.split('-').map(Number);
    day = new Date(y, m - 1, dd).getTime() / 1000;
  } else {
    day = seconds(day);
  }
  return {
    day,
    onMat: Number(first(d, 'time_on_mat_s', 'duration_s', 'on_mat_s', 'total_s') ?? 0),
    lowerBack: Number(first(d, 'lower_back_time_s', 'lower_back_s') ?? 0),
    sessions: first(d, 'sessions', 'session_count', 'count'),
  };
}

function daysFromSessions(sessions) {
  const byDay = new Map();
  for (const s of sessions) {
    const d = new Date(s.start * 1000);
    d.setHours(0, 0, 0, 0);
    const key = d.getTime() / 1000;
    const e = byDay.get(key) || { day: key, onMat: 0, lowerBack: 0, sessions: 0 };
    e.onMat += s.duration;
    e.lowerBack += s.lowerBack;
    e.sessions++;
    byDay.set(key, e);
  }
  return [...byDay.values()];
}

// ---- what the page shows ----

function showError(text) {
  const p = $('summary');
  p.textContent = text;
  p.classList.add('error');
}

function renderSummary() {
  const p = $('summary');
  p.classList.remove('error');
  const n = page.sessions.length;
  if (!n) {
    p.textContent = `No sessions in the last ${page.days} days.`;
    return;
  }
  const total = page.sessions.reduce((a, s) => a + s.duration, 0);
  const lb = page.sessions.reduce((a, s) => a + s.lowerBack, 0);
  p.textContent = `${n}${page.more ? ' (the newest)' : ''} session${n === 1 ? '' : 's'} in ${page.days} days: `
    + `${duration(lb)} with the lower back on the spikes, ${duration(total)} on the mat.`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function when(sec) {
  const d = new Date(sec * 1000);
  return `${dateFormat.format(d)}, ${timeFormat.format(d)}`;
}

function postureSummary(postures) {
  if (!postures || typeof postures !== 'object') {
    return '–';
  }
  const entries = Object.entries(postures).filter(([, t]) => t > 0);
  const total = entries.reduce((a, [, t]) => a + t, 0);
  if (!total) {
    return '–';
  }
  return entries.sort((a, b) => b[1] - a[1])
    .filter(([, t]) => t / total >= 0.01)
    .map(([p, t]) => `${postureShort(p)} ${Math.round((t / total) * 100)} %`)
    .join(' · ');
}

function renderTable(error) {
  const body = $('sessions').tBodies[0];
  body.replaceChildren();
  const empty = $('sessions-empty');
  if (error || !page.sessions.length) {
    empty.hidden = false;
    empty.textContent = error || `No sessions in the last ${page.days} days.`;
    empty.classList.toggle('error', Boolean(error));
    return;
  }
  empty.hidden = true;
  for (const s of page.sessions) {
    const tr = document.createElement('tr');
    tr.dataset.sessionId = s.id;
    const startCell = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = s.start != null ? when(s.start) : s.id;
    button.setAttribute('aria-label', `Show the session of ${button.textContent}`);
    startCell.append(button);
    if (s.active) {
      const b = document.createElement('span');
      b.className = 'badge';
      b.textContent = 'running';
      startCell.append(b);
    }
    tr.append(startCell,
      cell(duration(s.duration), 'num'),
      cell(duration(s.lowerBack), 'num'),
      cell(percent(s.coverage == null ? null : Number(s.coverage)), 'num'),
      cell(s.shifts == null ? '–' : String(s.shifts), 'num'),
      cell(postureSummary(s.postures), 'postures'));
    tr.addEventListener('click', () => openSession(s, true));
    if (s.id === page.selected) {
      tr.setAttribute('aria-current', 'true');
    }
    body.append(tr);
  }
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) {
    td.className = cls;
  }
  return td;
}

// ---- charts ----

function chartColours() {
  const css = getComputedStyle(document.body);
  return {
    text: css.color,
    muted: css.getPropertyValue('--muted').trim() || '#666',
    line: css.getPropertyValue('--line').trim() || '#ddd',
    accent: css.getPropertyValue('--accent').trim() || '#2e6e5c',
    bad: css.getPropertyValue('--bad').trim() || '#a8322d',
    panel: css.getPropertyValue('--panel').trim() || '#fff',
  };
}

function chartWidth(el) {
  return Math.max(280, Math.floor(el.clientWidth));
}

function axis(c, extra = {}) {
  return { stroke: c.muted, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 }, ...extra };
}

/**
 * Minutes per day as bars: with the lower back on the spikes, what the guidance and its lines
 * at 10 and 20 minutes count, and beside it, pale, the time on the mat.
 */
function drawDaily(days, from, to) {
  const el = $('daily-chart');
  if (page.dailyPlot) {
    page.dailyPlot.destroy();
    page.dailyPlot = null;
  }
  el.replaceChildren();
  if (typeof uPlot === 'undefined') {
    el.textContent = 'The chart library did not load.';
    return;
  }
  // One x value per calendar day of the period, empty days as zero.
  const byDay = new Map(days.map((d) => {
    const t = new Date(d.day * 1000);
    t.setHours(0, 0, 0, 0);
    return [t.getTime() / 1000, d];
  }));
  const xs = [];
  const onMat = [];
  const lowerBack = [];
  if (from && to) {
    const d = new Date(from);
    while (d <= to) {
      const key = d.getTime() / 1000;
      const e = byDay.get(key);
      xs.push(key);
      onMat.push(e && e.onMat > 0 ? e.onMat / 60 : null);
      lowerBack.push(e && e.onMat > 0 ? e.lowerBack / 60 : null);
      d.setDate(d.getDate() + 1);
    }
  }
  const c = chartColours();
  const max = Math.max(22, ...onMat.filter((v) => v != null));
  const dayLabel = new Intl.DateTimeFormat(undefined, page.days > 7 ? { day: 'numeric', month: 'short' } : { weekday: 'short', day: 'numeric' });
  const bars = (align) => uPlot.paths.bars({ size: [0.36, 36], align, gap: 1 });
  const opts = {
    width: chartWidth(el),
    height: 260,
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    legend: { live: true },
    scales: {
      x: { time: true, range: xs.length ? [xs[0] - DAY_S * 0.6, xs[xs.length - 1] + DAY_S * 0.6] : undefined },
      y: { range: [0, Math.ceil(max / 5) * 5] },
    },
    axes: [
      axis(c, {
        // A label under each day's bars, or every few days when they would crowd.
        splits: (u) => {
          const every = Math.max(1, Math.ceil(xs.length / Math.max(1, Math.floor(u.bbox.width / uPlot.pxRatio / 70))));
          return xs.filter((x, i) => (xs.length - 1 - i) % every === 0);
        },
        values: (u, v) => v.map((x) => dayLabel.format(new Date(x * 1000))),
        grid: { show: false },
      }),
      axis(c, { label: 'minutes', labelSize: 20, size: 44, values: (u, v) => v.map((x) => `${x}`) }),
    ],
    series: [
      { label: 'day', value: (u, v) => (v == null ? '' : dateFormat.format(new Date(v * 1000))) },
      {
        label: 'lower back on the spikes (the goal)', stroke: c.accent, fill: c.accent, width: 1, paths: bars(-1),
        points: { show: false }, value: (u, v) => (v == null ? '–' : `${v.toFixed(1)} min`),
      },
      {
        label: 'time on the mat', stroke: c.muted, fill: `${c.accent}40`, width: 1, paths: bars(1), points: { show: false },
        value: (u, v) => (v == null ? '–' : `${v.toFixed(1)} min`),
      },
    ],
    hooks: {
      draw: [(u) => guideLines(u, [10, 20], c, ' min a day')],
    },
  };
  page.dailyPlot = new uPlot(opts, [xs, lowerBack, onMat], el);
  el.setAttribute('role', 'img');
  const total = onMat.reduce((a, b) => a + (b || 0), 0);
  const lbTotal = lowerBack.reduce((a, b) => a + (b || 0), 0);
  el.setAttribute('aria-label', `Bar chart, minutes per day over ${page.days} days: ${Math.round(lbTotal)} minutes with the lower`
    + ` back on the spikes, ${lowerBack.filter((m) => m >= 10).length} days with 10 minutes or more of them; `
    + `${Math.round(total)} minutes on the mat.`);
}

/** Dashed horizontal lines at the given y values, labelled. */
function guideLines(u, values, c, suffix = ' min') {
  const ctx = u.ctx;
  const dpr = uPlot.pxRatio;
  ctx.save();
  ctx.setLineDash([5 * dpr, 4 * dpr]);
  ctx.strokeStyle = c.muted;
  ctx.fillStyle = c.muted;
  ctx.lineWidth = dpr;
  ctx.font = `${11 * dpr}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'right';
  for (const v of values) {
    const y = Math.round(u.valToPos(v, 'y', true)) + 0.5;
    if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) {
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    // The label on a patch of the panel's colour, readable over bars and curves.
    const label = `${v}${suffix}`;
    const w = ctx.measureText(label).width;
    const x = u.bbox.left + u.bbox.width - 4 * dpr;
    ctx.fillStyle = c.panel;
    ctx.globalAlpha = 0.8;
    ctx.fillRect(x - w - 3 * dpr, y - 15 * dpr, w + 6 * dpr, 13 * dpr);
    ctx.globalAlpha = 1;
    ctx.fillStyle = c.muted;
    ctx.fillText(label, x, y - 2 * dpr);
  }
  ctx.restore();
}

async function openSession(s, scroll) {
  page.selected = s.id;
  setUrlParams({ session: s.id });
  for (const tr of $('sessions').tBodies[0].rows) {
    if (tr.dataset.sessionId === s.id) {
      tr.setAttribute('aria-current', 'true');
    } else {
      tr.removeAttribute('aria-current');
    }
  }
  const detail = $('detail');
  detail.hidden = false;
  $('detail-title').textContent = `Session of ${s.start != null ? when(s.start) : s.id}`;
  $('detail-facts').textContent = 'Loading…';
  $('detail-play').href = `/player?session=${encodeURIComponent(s.id)}`;
  $('detail-download').href = `/api/sessions/${encodeURIComponent(s.id)}/export`;
  if (scroll) {
    detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  const n = page.load;
  let body;
  try {
    body = await getJson(`/api/sessions/${encodeURIComponent(s.id)}`);
  } catch (e) {
    $('detail-facts').textContent = `Cannot load this session: ${e.message}`;
    return;
  }
  if (n !== page.load || page.selected !== s.id) {
    return;
  }
  const info = normaliseSession(body.session || body);
  const points = listOf(body.contact ?? body.points ?? body.coverage ?? [], 'points')
    .map((p) => ({
      t: seconds(first(p, 'time', 't', 'time_ms', 'time_us')),
      coverage: first(p, 'lower_back_coverage', 'coverage'),
      posture: first(p, 'posture') || 'unknown',
    }))
    .filter((p) => p.t != null)
    .sort((a, b) => a.t - b.t);
  const shifts = listOf(body.shifts ?? body.posture_shifts ?? [], 'shifts')
    .map((p) => ({ t: seconds(first(p, 'time', 't', 'time_ms', 'time_us')), from: p.from, to: p.to }))
    .filter((p) => p.t != null);
  const merged = { ...s, ...Object.fromEntries(Object.entries(info).filter(([, v]) => v != null)) };
  $('detail-facts').textContent = `${duration(merged.duration)} on the mat · ${duration(merged.lowerBack)} with the lower back on the spikes · `
    + `mean coverage ${percent(merged.coverage == null ? null : Number(merged.coverage))} · `
    + `${shifts.length} posture shift${shifts.length === 1 ? '' : 's'}`
    + (merged.active ? ' · still running' : merged.endReason ? ` · ended: ${END_REASONS[merged.endReason] || merged.endReason}` : '');
  const interval = Number((body.contact && body.contact.interval_s) || 1);
  drawSession(points, shifts, merged, interval);
}

/** Coverage (%) over the session's minutes, postures as background bands, shifts as lines. */
function drawSession(points, shifts, s, interval) {
  const el = $('session-chart');
  if (page.sessionPlot) {
    page.sessionPlot.destroy();
    page.sessionPlot = null;
  }
  el.replaceChildren();
  if (!points.length) {
    el.innerHTML = '<p class="chart-empty">No contact points recorded for this session.</p>';
    $('posture-key').replaceChildren();
    return;
  }
  // x: seconds into the session, so the ticks fall on whole minutes.
  const t0 = Math.min(s.start ?? points[0].t, points[0].t);
  // A gap in the points (off the mat, or nothing recorded) breaks the line rather than
  // bridging it: a null one interval after the last point before the gap.
  const gap = Math.max(3 * interval, 5);
  const xs = [];
  const ys = [];
  points.forEach((p, i) => {
    if (i > 0 && p.t - points[i - 1].t > gap) {
      xs.push(points[i - 1].t - t0 + interval);
      ys.push(null);
    }
    xs.push(p.t - t0);
    ys.push(p.coverage == null ? null : Number(p.coverage) * 100);
  });
  // Runs of one posture: [from, to, posture]; a run ends where the next point starts.
  const bands = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const t = p.t - t0;
    const next = i + 1 < points.length ? points[i + 1].t - t0 : t + interval;
    const end = next - t > gap ? t + interval : next;
    const last = bands[bands.length - 1];
    if (last && last[2] === p.posture && Math.abs(last[1] - t) < 1e-6) {
      last[1] = end;
    } else {
      bands.push([t, end, p.posture]);
    }
  }
  const shiftXs = shifts.map((sh) => ({ ...sh, t: sh.t - t0 }));
  const c = chartColours();
  const opts = {
    width: chartWidth(el),
    height: 280,
    cursor: { drag: { x: true, y: false } },
    scales: {
      x: { time: false, range: [xs[0], Math.max(xs[xs.length - 1], xs[0] + 60)] },
      y: { range: [0, 100] },
    },
    axes: [
      axis(c, {
        space: 60,
        incrs: [15, 30, 60, 120, 300, 600, 900, 1800, 3600],
        label: 'minutes into the session',
        labelSize: 20,
        values: (u, v) => v.map((x) => clock(x)),
      }),
      axis(c, { label: 'lower-back coverage', labelSize: 20, size: 48, values: (u, v) => v.map((x) => `${x} %`) }),
    ],
    series: [
      { label: 'time', value: (u, v) => (v == null ? '' : clock(v)) },
      {
        label: 'lower-back coverage', stroke: c.accent, width: 2, spanGaps: false, points: { show: false },
        value: (u, v, si, i) => (i == null ? '–' : v == null ? 'not on the mat' : `${Math.round(v)} %`),
      },
    ],
    hooks: {
      drawClear: [(u) => drawBands(u, bands)],
      draw: [(u) => {
        guideLines(u, [50], c, ' %: counts as on the spikes');
        drawShifts(u, shiftXs, c);
      }],
    },
  };
  page.sessionPlot = new uPlot(opts, [xs, ys], el);
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', `Lower-back coverage over ${duration(xs[xs.length - 1] - xs[0])}, `
    + `${shifts.length} posture shifts; postures: ${[...new Set(bands.map((b) => postureShort(b[2])))].join(', ')}`);
  renderPostureKey(bands, shifts.length > 0);
}

function drawBands(u, bands) {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  for (const [from, to, posture] of bands) {
    const x0 = u.valToPos(from, 'x', true);
    const x1 = u.valToPos(to, 'x', true);
    ctx.fillStyle = POSTURE_COLOURS[posture] || POSTURE_COLOURS.unknown;
    ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
  }
  ctx.restore();
}

function drawShifts(u, shifts, c) {
  const ctx = u.ctx;
  const dpr = uPlot.pxRatio;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.strokeStyle = c.bad;
  ctx.lineWidth = 2 * dpr;
  for (const s of shifts) {
    const x = Math.round(u.valToPos(s.t, 'x', true)) + 0.5;
    if (x < left || x > left + width) {
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

function renderPostureKey(bands, hasShifts) {
  const ul = $('posture-key');
  ul.replaceChildren();
  for (const p of [...new Set(bands.map((b) => b[2]))]) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = POSTURE_COLOURS[p] || POSTURE_COLOURS.unknown;
    li.append(sw, postureShort(p));
    ul.append(li);
  }
  if (hasShifts) {
    const li = document.createElement('li');
    const k = document.createElement('span');
    k.className = 'shift-key';
    li.append(k, 'posture shift');
    ul.append(li);
  }
}

function resizeCharts() {
  for (const [plot, id] of [[page.dailyPlot, 'daily-chart'], [page.sessionPlot, 'session-chart']]) {
    if (plot) {
      const w = chartWidth($(id));
      if (Math.abs(plot.width - w) > 2) {
        plot.setSize({ width: w, height: plot.height });
      }
    }
  }
}

main();
