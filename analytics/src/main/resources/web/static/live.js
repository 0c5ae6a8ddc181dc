// The live page: one WebSocket to /api/live?mat=ID (docs/WEB.md), the heatmap drawn once per
// animation frame when a new frame came, the readings as text four times a second (readable,
// not flickering), reconnection with backoff when the socket drops. The goal counts the day's
// minutes with the lower back on the spikes, what the guidance speaks of: the day's other
// sessions from /api/day plus the session on the mat now, from the stream.
import {
  ZONE, ago, clock, fillMatSelect, fixed, getJson, isoDate, linkNav, listMats, matFromUrl, percent,
  postureText, setUrlParams,
} from './common.js';
import { Heatmap, ScaleTop } from './heatmap.js';
import { renderLegend, unitOf } from './legend.js';

/** The analytics count the lower back as on the spikes from this coverage on (SessionTracker.COVERED). */
const COVERED = 0.5;
/** A frame older than this makes the status say so. */
const STALE_MS = 3000;
/** With no message at all for this long the socket is presumed dead and opened again. */
const SILENT_SOCKET_MS = 45000;
const TEN_MINUTES = 600;
const TWENTY_MINUTES = 1200;
/** The day's other sessions are asked for again this often (another page or a restart may add one). */
const DAY_REFRESH_MS = 30000;

const $ = (id) => document.getElementById(id);
const UTF8 = new TextDecoder();

const state = {
  mat: null,
  ws: null,
  phase: 'idle', // idle | connecting | open | reconnecting | error
  error: null,
  retries: 0,
  retryAt: 0,
  retryTimer: null,
  lastMessageAt: 0,
  info: null, // the mat message
  scaleTop: null,
  latest: null, // the latest frame's metrics
  lastFrameAt: 0, // performance.now() of the latest frame
  heardAt: null, // performance.now() the server's last frame of the mat stands for (status messages; may be < 0)
  neverHeard: false, // the server says it never heard from this mat
  frameTimes: [], // performance.now() of recent frames, for the rate
};

/** The running session as the page shows it: the latest record plus the frames since it. */
const session = {
  key: null,
  id: null,
  extra: 0, // on-mat seconds since the record's end_us
  extraLowerBack: 0,
  prevFrameMs: null,
  shown: 0, // never goes back within one session
};

/**
 * The day's sessions other than the one the stream shows (GET /api/day): the goal adds that
 * one live, so it is left out there rather than counted twice.
 */
const today = {
  key: null, // mat|date|excluded: the latest question asked
  answerKey: null, // the question the latest answer (or failure) is for
  earlier: null, // the other sessions' lower-back seconds, null when not known
  sessions: 0,
  error: null, // why they are not known
  askedAt: 0,
  answeredAt: 0, // performance.now() of the latest answer
  asking: false,
  shownDate: null,
  shown: 0, // the goal never goes back within a day
};

let heatmap;

async function main() {
  heatmap = new Heatmap($('heatmap'));
  $('mat').addEventListener('change', (e) => choose(e.target.value));
  window.addEventListener('online', () => reconnectNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      reconnectNow();
    }
  });
  requestAnimationFrame(paint);
  setInterval(renderText, 250);
  renderText();
  await pickMat();
}

/** Picks the mat: the URL's, else the only one the server knows, else the person chooses. */
async function pickMat() {
  let mats = [];
  try {
    mats = await listMats();
  } catch (e) {
    // The server is not answering (restarting?): try again shortly.
  }
  let mat = matFromUrl();
  if (!mat && mats.length === 1) {
    mat = mats[0].mat;
  }
  fillMatSelect($('mat'), mats, mat);
  if (mat) {
    choose(mat);
  } else {
    message(mats.length ? 'Choose a mat above.' : 'No mat has sent anything yet. Start the gateway and lie down on the mat.');
    // Look again shortly (a mat may appear), unless one has been chosen meanwhile.
    setTimeout(() => state.mat || pickMat(), 3000);
  }
}

function choose(mat) {
  if (!mat || mat === state.mat) {
    return;
  }
  state.mat = mat;
  setUrlParams({ mat });
  linkNav(mat);
  document.title = `acumat – live – ${mat}`;
  state.info = null;
  state.latest = null;
  state.lastFrameAt = 0;
  state.heardAt = null;
  state.neverHeard = false;
  state.frameTimes = [];
  Object.assign(today, { key: null, answerKey: null, earlier: null, sessions: 0, error: null, shownDate: null, shown: 0 });
  Object.assign(session, { key: null, id: null, extra: 0, extraLowerBack: 0, prevFrameMs: null, shown: 0 });
  heatmap.setMat(null);
  message('Waiting for the mat…');
  state.retries = 0;
  connect();
}

function connect() {
  clearTimeout(state.retryTimer);
  if (state.ws) {
    const old = state.ws;
    state.ws = null;
    old.close();
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/api/live?mat=${encodeURIComponent(state.mat)}`);
  ws.binaryType = 'arraybuffer';
  state.ws = ws;
  state.phase = 'connecting';
  state.lastMessageAt = performance.now();
  ws.onopen = () => {
    if (state.ws === ws) {
      state.phase = 'open';
      state.lastMessageAt = performance.now();
    }
  };
  ws.onmessage = (ev) => {
    if (state.ws !== ws) {
      return;
    }
    state.lastMessageAt = performance.now();
    state.retries = 0;
    if (typeof ev.data === 'string') {
      onText(ev.data);
    } else {
      onFrame(ev.data);
    }
  };
  ws.onclose = (ev) => {
    if (state.ws !== ws) {
      return;
    }
    state.ws = null;
    if (ev.code === 4400) {
      state.phase = 'error';
      state.error = ev.reason || 'the server refused this mat id';
      message(`Cannot show this mat: ${state.error}`);
      return;
    }
    scheduleReconnect();
  };
}

/** 0.5 s, 1 s, 2 s ... up to 10 s between tries, with some jitter so many pages do not come back at once. */
function scheduleReconnect() {
  const delay = Math.min(10000, 500 * 2 ** state.retries) * (0.8 + Math.random() * 0.4);
  state.retries++;
  state.phase = 'reconnecting';
  state.retryAt = performance.now() + delay;
  state.retryTimer = setTimeout(connect, delay);
}

function reconnectNow() {
  if (state.phase === 'reconnecting' && state.mat) {
    connect();
  }
}

function onText(text) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    return;
  }
  if (msg.type === 'status') {
    onStatus(msg);
    return;
  }
  if (msg.type !== 'mat') {
    return;
  }
  const old = state.info;
  if (old && ['mat', 'rows', 'cols', 'row_pitch_cm', 'col_pitch_cm', 'units', 'contact_threshold', 'scale']
    .every((k) => old[k] === msg[k])) {
    return; // the same mat again (the server repeats it): nothing to redraw
  }
  state.info = msg;
  state.scaleTop = new ScaleTop(msg.units);
  const wrap = $('map-wrap');
  wrap.style.setProperty('--mat-aspect', String((msg.cols * msg.col_pitch_cm) / (msg.rows * msg.row_pitch_cm)));
  heatmap.setMat(msg);
  renderLegend(state.info, heatmap.top);
  if (!state.latest) {
    message('Waiting for frames…');
  }
}

/**
 * How long ago the server last heard from the mat, by its own clock: counted on from this
 * message's arrival, so the browser's clock (which may be off) plays no part.
 */
function onStatus(msg) {
  const age = msg.last_frame_age_s;
  state.neverHeard = age == null;
  if (age != null && Number.isFinite(age)) {
    const at = performance.now() - age * 1000;
    state.heardAt = state.heardAt == null ? at : Math.max(state.heardAt, at);
  }
}

/** A binary frame: "AMF1", u32 LE length N, N bytes of JSON, rows x cols bytes. */
function onFrame(buffer) {
  const info = state.info;
  if (!info || buffer.byteLength < 8) {
    return;
  }
  const head = new Uint8Array(buffer, 0, 4);
  if (head[0] !== 0x41 || head[1] !== 0x4d || head[2] !== 0x46 || head[3] !== 0x31) {
    return;
  }
  const n = new DataView(buffer).getUint32(4, true);
  const cellCount = info.rows * info.cols;
  if (8 + n + cellCount > buffer.byteLength) {
    return;
  }
  let metrics;
  try {
    metrics = JSON.parse(UTF8.decode(new Uint8Array(buffer, 8, n)));
  } catch (e) {
    return;
  }
  const cells = new Uint8Array(buffer, 8 + n, cellCount);
  const now = performance.now();
  state.lastFrameAt = now;
  state.frameTimes.push(now);
  while (state.frameTimes.length && state.frameTimes[0] < now - 2000) {
    state.frameTimes.shift();
  }
  const top = state.scaleTop.update(metrics.time_ms, metrics.peak_pressure, info.contact_threshold);
  if (top !== heatmap.top) {
    heatmap.setTop(top);
    renderLegend(state.info, heatmap.top);
  }
  heatmap.setFrame(metrics, cells);
  if (!state.latest) {
    message(null);
  }
  state.latest = metrics;
  trackSession(metrics);
}

/**
 * The session record comes every 10 s or so; between records the page adds the frames' time
 * on the mat (and with the lower back covered, as the analytics count it) so the timer runs.
 */
function trackSession(m) {
  const s = m.session;
  const key = s ? `${s.session_id}|${s.end_us}|${s.active}` : null;
  if (key !== session.key) {
    if (!s || s.session_id !== session.id) {
      session.shown = 0;
    }
    session.key = key;
    session.id = s ? s.session_id : null;
    session.extra = 0;
    session.extraLowerBack = 0;
  }
  if (s && s.active && m.on_mat && session.prevFrameMs != null) {
    const dt = (m.time_ms - session.prevFrameMs) / 1000;
    if (dt > 0 && dt < 2 && m.time_ms > s.end_us / 1000) {
      session.extra += dt;
      if (m.lower_back_coverage != null && m.lower_back_coverage >= COVERED) {
        session.extraLowerBack += dt;
      }
    }
  }
  session.prevFrameMs = m.time_ms;
}

function paint() {
  heatmap.draw();
  requestAnimationFrame(paint);
}

function message(text) {
  const el = $('map-message');
  el.textContent = text || '';
  el.hidden = !text;
}

let lastAria = '';

/** The readings as text, four times a second. */
function renderText() {
  renderStatus();
  if (state.mat) {
    renderGoal(state.latest ? state.latest.session : null);
  }
  const m = state.latest;
  const info = state.info;
  const unit = unitOf(state.info);
  if (!m || !info) {
    return;
  }
  const cov = m.lower_back_coverage;
  const someone = m.on_mat || m.contact_area_cm2 > 0;
  $('coverage').textContent = percent(cov);
  heatmap.setLabelCoverage(m.lower_back_coverage);
  $('coverage-bar').style.width = `${cov == null ? 0 : Math.round(cov * 100)}%`;
  $('coverage-note').textContent = !someone ? 'Nobody on the mat.'
    : cov == null ? 'The lower back is not on the mat.'
      : cov >= COVERED ? 'On the spikes: this counts as lower-back time.'
        : 'Under 50 %: not counted as lower-back time.';
  $('card-lower-back').dataset.covered = cov != null && cov >= COVERED ? 'yes' : 'no';

  // A lumbar pad is asked no posture (posture null): whoever is on it lies on it with the lower back.
  const posture = m.on_mat ? (m.posture === null ? 'On the lumbar pad' : postureText(m.posture))
    : someone ? 'Getting on or off the mat' : 'Nobody on the mat';
  $('posture').textContent = posture;
  $('posture-note').textContent = m.on_mat && m.posture && m.posture !== 'unknown'
    ? `${m.posture}, ${Math.round((m.confidence || 0) * 100)} % sure` : '\u00a0';

  $('g-coverage').textContent = percent(cov);
  $('g-posture').textContent = posture;

  $('area').textContent = `${Math.round(m.contact_area_cm2 || 0).toLocaleString('en')} cm²`;
  $('ratio').textContent = percent(m.contact_ratio);
  const decimals = info.units === 'raw' ? 0 : 1;
  $('peak').textContent = someone ? `${fixed(m.peak_pressure, decimals)} ${unit}` : '–';
  $('mean').textContent = someone ? `${fixed(m.mean_pressure, decimals)} ${unit}` : '–';

  const aria = someone
    ? `Pressure map of the mat: ${posture.toLowerCase()}, lower back ${cov == null ? 'not on the mat' : percent(cov) + ' on the spikes'}`
    : 'Pressure map of the mat: nobody on the mat';
  if (aria !== lastAria) {
    $('heatmap').setAttribute('aria-label', aria);
    lastAria = aria;
  }
}

/** The running (or last) session's lower-back seconds: its latest record plus the frames since. */
function sessionLowerBack(s) {
  return s.lower_back_time_s + (s.active ? session.extraLowerBack : 0);
}

/**
 * The day the goal counts and the session it takes live. A session counts whole for the day it
 * started on in the browser's zone, as in the history's daily totals: one begun at 23:50 and
 * still running counts for that day. An ended session of another day is not this day's.
 */
function goalDay(s) {
  const started = s ? isoDate(new Date(s.start_us / 1000)) : null;
  const date = s && s.active ? started : isoDate(new Date());
  return { date, live: s && started === date ? s : null };
}

/**
 * Asks for the day's other sessions when the day or the live session changed, and every 30 s;
 * returns the question's key. An answer is only used for the question it answers: one that
 * still counted the session now shown live would count it twice.
 */
function askDay(mat, date, excluded) {
  const key = `${mat}|${date}|${excluded || ''}`;
  const now = performance.now();
  if (today.asking || (key === today.key && now - today.askedAt < DAY_REFRESH_MS)) {
    return key;
  }
  today.key = key;
  today.askedAt = now;
  today.asking = true;
  const q = new URLSearchParams({ mat, date, tz: ZONE });
  if (excluded) {
    q.set('exclude', excluded);
  }
  getJson(`/api/day?${q}`).then((body) => {
    Object.assign(today, {
      answerKey: key, earlier: Number(body.lower_back_time_s) || 0, sessions: Number(body.sessions) || 0,
      error: null, answeredAt: performance.now(),
    });
  }, (e) => {
    // A failed refresh keeps the answer the same question had.
    if (today.answerKey !== key || today.earlier == null) {
      Object.assign(today, { answerKey: key, earlier: null, sessions: 0, error: e.message || 'no answer' });
    }
  }).finally(() => {
    today.asking = false;
  });
  return key;
}

/** The goal: the day's lower-back minutes against 10, then 20; the session's time on the mat beside it. */
function renderGoal(s) {
  const { date, live } = goalDay(s);
  const answered = askDay(state.mat, date, live ? live.session_id : null) === today.answerKey;
  const earlier = answered ? today.earlier : null;
  const error = answered ? today.error : null;
  let goal = (earlier || 0) + (live ? sessionLowerBack(live) : 0);
  if (today.shownDate === date) {
    goal = Math.max(goal, today.shown);
  }
  today.shownDate = date;
  today.shown = goal;
  const target = goal >= TEN_MINUTES ? TWENTY_MINUTES : TEN_MINUTES;
  const progress = Math.min(1, goal / target);
  const isToday = date === isoDate(new Date());
  const day = isToday ? 'today' : `on ${new Date(`${date}T12:00:00`).toLocaleDateString(undefined,
    { weekday: 'short', day: 'numeric', month: 'short' })}`;
  $('goal-title').textContent = `Lower back on the spikes ${day}`;
  $('goal-time').textContent = clock(goal);
  $('goal-target').textContent = clock(target);
  $('g-goal').textContent = clock(goal);
  $('g-target').textContent = clock(target);
  $('progress-bar').style.width = `${(progress * 100).toFixed(1)}%`;
  $('progress').setAttribute('aria-valuenow', String(Math.round(progress * 100)));
  $('progress').setAttribute('aria-valuetext', `Lower back on the spikes ${day}: ${clock(goal)} of ${clock(target)}`);

  let guidance;
  if (goal >= TWENTY_MINUTES) {
    guidance = '20 minutes done – enough for today; get up slowly.';
  } else if (goal >= TEN_MINUTES) {
    guidance = '10 minutes done. Once your back is used to it, go on up to 20 a day.';
  } else if (goal >= 300) {
    guidance = '5 minutes done – go on to 10, or stop here in your first days.';
  } else if (!s || !s.active) {
    guidance = 'Lie down with the lower back on the spikes: 5–10 minutes a day at first, up to 20 later on.';
  } else {
    guidance = 'Start with 5–10 minutes a day with the lower back on the spikes; once your back is used to it, up to 20.';
  }
  if (live && !live.active) {
    guidance = `Session over. ${guidance}`;
  }
  $('guidance').textContent = guidance;

  let note = '\u00a0';
  if (error) {
    note = `The day's earlier sessions are not available (${error})${live ? ': only this session is counted' : ''}.`;
  } else if (earlier == null) {
    note = 'Adding up the day\'s earlier sessions…';
  } else if (!isToday) {
    note = 'This session began that day, and counts for it, as in the history.';
  }
  $('goal-note').textContent = note;
  $('earlier-label').textContent = isToday ? 'Earlier sessions today' : 'Other sessions that day';
  $('earlier-time').textContent = error ? 'not available' : earlier == null ? '…'
    : `${clock(earlier)}${today.sessions ? ` (${today.sessions})` : ''}`;

  // The time on the mat is shown, labelled, but is not what the goal counts.
  let onMat = null;
  if (live) {
    onMat = live.duration_s + (live.active ? session.extra : 0);
    if (live.session_id === session.id) {
      onMat = Math.max(onMat, session.shown);
      session.shown = onMat;
    }
  }
  $('session-time').textContent = onMat == null ? '–' : clock(onMat);
  $('lb-time').textContent = live ? clock(sessionLowerBack(live)) : '–';
  $('shifts').textContent = live ? String(live.posture_shifts ?? 0) : '–';
  $('card-session').dataset.phase = !live ? 'none' : !live.active ? 'ended' : goal >= TEN_MINUTES ? 'long' : 'short';
}

function renderStatus() {
  const now = performance.now();
  // The latest frame this page received, or the server's word on the mat's last frame (before
  // this page opened, so its time may be negative); null when neither has come.
  const last = state.heardAt == null ? (state.lastFrameAt || null)
    : state.lastFrameAt ? Math.max(state.lastFrameAt, state.heardAt) : state.heardAt;
  let st;
  let text;
  if (!state.mat) {
    st = 'idle';
    text = 'no mat chosen';
  } else if (state.phase === 'error') {
    st = 'error';
    text = 'cannot show this mat';
  } else if (state.phase === 'reconnecting') {
    st = 'reconnecting';
    const s = Math.ceil((state.retryAt - now) / 1000);
    text = s > 0 ? `reconnecting in ${s} s` : 'reconnecting…';
  } else if (state.phase === 'connecting') {
    st = 'connecting';
    text = 'connecting…';
  } else if (last == null && state.neverHeard) {
    st = 'waiting';
    text = 'connected – never heard from this mat';
  } else if (last == null) {
    st = 'waiting';
    text = state.info ? 'connected – no frames yet' : 'connected – waiting for the mat';
  } else if (now - last > STALE_MS) {
    st = 'stale';
    text = `last frame ${ago((now - last) / 1000)} ago`;
  } else {
    st = 'live';
    const rate = state.frameTimes.length > 1 ? (state.frameTimes.length - 1) / ((now - state.frameTimes[0]) / 1000) : 0;
    text = rate > 0 ? `live · ${Math.round(rate)} frames/s` : 'live';
  }
  if (state.phase === 'open' && now - state.lastMessageAt > SILENT_SOCKET_MS && state.ws) {
    // Nothing at all (not even the mat message) for a long while: the connection may be dead
    // without the browser knowing. Open a new one.
    state.ws.close();
    state.ws = null;
    scheduleReconnect();
  }
  const status = $('status');
  if (status.dataset.state !== st) {
    status.dataset.state = st;
    // Screen readers hear the changes of state, not every tick of a counter.
    $('status-live').textContent = st === 'live' ? 'Live' : st === 'stale' ? 'No frames from the mat'
      : st === 'reconnecting' ? 'Connection lost, reconnecting' : '';
  }
  const t = $('status-text');
  if (t.textContent !== text) {
    t.textContent = text;
  }
  $('map-wrap').classList.toggle('stale', st !== 'live' && state.lastFrameAt > 0);
  if (state.info && !state.latest && state.phase === 'open') {
    message(st === 'stale' ? `No frames from the mat: the last came ${ago((now - last) / 1000)} ago.`
      + ' Is it plugged in and switched on?' : 'Waiting for frames…');
  }
}

main();

// For tests and the curious (the browser console): what the page last received.
window.acumatLive = { state, session, today };
