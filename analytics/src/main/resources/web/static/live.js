// The live page: one WebSocket to /api/live?mat=ID (docs/WEB.md), the heatmap drawn once per
// animation frame when a new frame came, the readings as text four times a second (readable,
// not flickering), reconnection with backoff when the socket drops.
import {
  clock, duration, fillMatSelect, fixed, linkNav, listMats, matFromUrl, percent, postureText,
  setUrlParams,
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
  state.frameTimes = [];
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

  renderSession(m.session);
  $('g-coverage').textContent = percent(cov);
  $('g-timer').textContent = $('timer').textContent;
  $('g-target').textContent = $('target').textContent;
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

function renderSession(s) {
  let seconds = 0;
  let lowerBack = null;
  let guidance;
  if (!s) {
    guidance = 'No session yet: lie down on the mat to start one.';
  } else {
    const running = s.active;
    seconds = s.duration_s + (running ? session.extra : 0);
    lowerBack = s.lower_back_time_s + (running ? session.extraLowerBack : 0);
    if (s.session_id === session.id) {
      seconds = Math.max(seconds, session.shown);
      session.shown = seconds;
    }
    if (!running) {
      guidance = `Session over: ${duration(s.duration_s)} on the mat. Well done.`;
    } else if (seconds >= TWENTY_MINUTES) {
      guidance = '20 minutes done – enough for today; get up slowly.';
    } else if (seconds >= TEN_MINUTES) {
      guidance = '10 minutes done – up to 20 if it feels good';
    } else if (seconds >= 300) {
      guidance = '5 minutes done – go on to 10, or stop here in your first days.';
    } else {
      guidance = 'Start with 5–10 minutes a day; up to 20 later on.';
    }
  }
  const target = seconds >= TEN_MINUTES ? TWENTY_MINUTES : TEN_MINUTES;
  const progress = Math.min(1, seconds / target);
  $('timer').textContent = clock(seconds);
  $('target').textContent = clock(target);
  $('progress-bar').style.width = `${(progress * 100).toFixed(1)}%`;
  $('progress').setAttribute('aria-valuenow', String(Math.round(progress * 100)));
  $('progress').setAttribute('aria-valuetext', `${clock(seconds)} of ${clock(target)}`);
  $('card-session').dataset.phase = !s ? 'none' : !s.active ? 'ended' : seconds >= TEN_MINUTES ? 'long' : 'short';
  $('guidance').textContent = guidance;
  $('lb-time').textContent = lowerBack == null ? '–' : clock(lowerBack);
  $('shifts').textContent = s ? String(s.posture_shifts ?? 0) : '–';
}

function renderStatus() {
  const now = performance.now();
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
  } else if (!state.info) {
    st = 'waiting';
    text = 'connected – waiting for the mat';
  } else if (!state.lastFrameAt) {
    st = 'waiting';
    text = 'connected – no frames yet';
  } else if (now - state.lastFrameAt > STALE_MS) {
    st = 'stale';
    text = `no frames for ${Math.floor((now - state.lastFrameAt) / 1000)} s`;
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
}

main();

// For tests and the curious (the browser console): what the page last received.
window.acumatLive = { state, session };
