// The player (docs/WEB.md): a recorded session on the live page's heatmap, with play, pause,
// a scrubber, speeds, the lower-back region and its coverage, the posture, and the session's
// timeline (coverage, postures, shifts). Frames come in 20-second pieces from
// /api/sessions/{id}/frames, the piece at the playhead first and the next one fetched ahead,
// so a long session starts as fast as a short one.
import { Heatmap, ScaleTop } from './heatmap.js';
import { renderLegend } from './legend.js';
import { POSTURE_COLOURS, clock, getJson, percent, postureText } from './common.js';

const $ = (id) => document.getElementById(id);
const UTF8 = new TextDecoder();
const PIECE_MS = 20000;
const EVERY = { 1: 1, 4: 2, 16: 4 };

const heatmap = new Heatmap($('heatmap'));
const st = {
  id: null, startMs: 0, endMs: 0, pos: 0, playing: false, speed: 1,
  info: null, scaleTop: null, pieces: new Map(), shown: null, painted: false, failed: false, contact: [], shifts: [],
};
// For tests and for measuring: the state, and a performance mark 'acumat-first-frame' once the
// first frame is painted (its startTime is milliseconds since the page was opened).
window.acumatPlayer = { state: st };

main();

async function main() {
  st.id = new URLSearchParams(location.search).get('session');
  if (!st.id) {
    message('No session given: open one from the history page.');
    return;
  }
  // A session's id ends in its start (mat.START_MS): the first piece of frames is asked for
  // at once, while the session's facts and timeline load.
  const idStart = Number(st.id.slice(st.id.lastIndexOf('.') + 1));
  if (Number.isSafeInteger(idStart) && idStart > 0) {
    st.startMs = idStart;
    piece(idStart);
  }
  let body;
  try {
    body = await getJson(`/api/sessions/${encodeURIComponent(st.id)}`);
  } catch (e) {
    st.failed = true;
    message(`Cannot load this session: ${e.message}`);
    return;
  }
  const s = body.session;
  st.startMs = s.start_ms;
  st.endMs = Math.max(s.end_ms, s.start_ms + 1000);
  st.pos = st.startMs;
  st.contact = (body.contact && body.contact.points) || [];
  st.shifts = body.shifts || [];
  const mat = s.mat;
  $('player-title').textContent = `Session of ${new Date(s.start_ms).toLocaleString()} on ${mat}`;
  document.querySelector('nav [data-nav="/history"]').href =
    `/history?mat=${encodeURIComponent(mat)}&session=${encodeURIComponent(st.id)}`;
  $('download').href = `/api/sessions/${encodeURIComponent(st.id)}/export`;
  $('length').textContent = clock((st.endMs - st.startMs) / 1000);
  const scrub = $('scrubber');
  scrub.max = String((st.endMs - st.startMs) / 1000);
  scrub.addEventListener('input', () => seek(st.startMs + Number(scrub.value) * 1000));
  $('play').addEventListener('click', () => setPlaying(!st.playing));
  $('speed').addEventListener('change', () => { st.speed = Number($('speed').value); });
  $('timeline').addEventListener('click', (e) => {
    const r = e.currentTarget.getBoundingClientRect();
    seek(st.startMs + ((e.clientX - r.left) / r.width) * (st.endMs - st.startMs));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' && e.target === document.body) {
      e.preventDefault();
      setPlaying(!st.playing);
    }
  });
  new ResizeObserver(drawTimeline).observe($('timeline'));
  const first = await piece(st.pos);
  if (first && first.length === 0) {
    message('The frames of this session are no longer kept; its timeline is below.');
  }
  $('play').disabled = false;
  scrub.disabled = false;
  showAt(st.pos);
  setPlaying(true);
  let last = performance.now();
  const tick = (now) => {
    if (st.playing) {
      st.pos = Math.min(st.endMs, st.pos + (now - last) * st.speed);
      showAt(st.pos);
      if (st.pos >= st.endMs) {
        setPlaying(false);
      }
    }
    last = now;
    heatmap.draw();
    if (st.shown && !st.painted) {
      st.painted = true;
      performance.mark('acumat-first-frame');
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  setInterval(renderText, 250);
}

function setPlaying(on) {
  if (on && st.pos >= st.endMs) {
    st.pos = st.startMs;
  }
  st.playing = on;
  $('play').textContent = on ? 'Pause' : 'Play';
  $('status-live').textContent = on ? 'Playing' : 'Paused';
}

function seek(ms) {
  st.pos = Math.max(st.startMs, Math.min(st.endMs, ms));
  showAt(st.pos);
}

/** The piece of frames holding {@code ms}, fetched once per speed's thinning. */
function piece(ms) {
  const every = EVERY[st.speed] || 1;
  const from = st.startMs + Math.floor((ms - st.startMs) / PIECE_MS) * PIECE_MS;
  const key = `${from}/${every}`;
  if (!st.pieces.has(key)) {
    // Not cut at the session's end, so that a piece's range does not depend on it; the
    // endpoint's window reaches 20 s past the end.
    const to = from + PIECE_MS - 1;
    const url = `/api/sessions/${encodeURIComponent(st.id)}/frames?from=${from}&to=${to}&every=${every}`;
    const p = fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(decode)
      .catch((e) => {
        st.pieces.delete(key);
        if (!st.failed) {
          message(`Cannot load frames: ${e.message}`);
        }
        return null;
      });
    p.frames = null;
    p.then((frames) => { p.frames = frames; });
    st.pieces.set(key, p);
    if (st.pieces.size > 40) {
      st.pieces.delete(st.pieces.keys().next().value);
    }
  }
  return st.pieces.get(key);
}

/** The frames endpoint's binary answer: u32 LE length, then a JSON record or an AMF1 frame. */
function decode(buffer) {
  const view = new DataView(buffer);
  const frames = [];
  let o = 0;
  while (o + 4 <= buffer.byteLength) {
    const n = view.getUint32(o, true);
    const at = o + 4;
    o = at + n;
    if (o > buffer.byteLength) {
      break;
    }
    const bytes = new Uint8Array(buffer, at, n);
    if (bytes[0] === 0x7b) { // '{'
      const msg = JSON.parse(UTF8.decode(bytes));
      if (msg.type === 'mat') {
        setMat(msg);
      }
      continue;
    }
    const len = view.getUint32(at + 4, true);
    const metrics = JSON.parse(UTF8.decode(new Uint8Array(buffer, at + 8, len)));
    frames.push({ metrics, cells: new Uint8Array(buffer, at + 8 + len, n - 8 - len) });
  }
  return frames;
}

function setMat(msg) {
  if (st.info && st.info.rows === msg.rows && st.info.cols === msg.cols && st.info.scale === msg.scale) {
    return;
  }
  st.info = msg;
  st.scaleTop = new ScaleTop(msg.units);
  st.legendDrawn = false;
  $('map-wrap').style.setProperty('--mat-aspect', String((msg.cols * msg.col_pitch_cm) / (msg.rows * msg.row_pitch_cm)));
  heatmap.setMat(msg);
}

/** Shows the last frame at or before {@code ms}, and fetches the next piece ahead. */
function showAt(ms) {
  const p = piece(ms);
  if (ms + PIECE_MS / 2 < st.endMs) {
    piece(ms + PIECE_MS / 2);
  }
  const frames = p.frames;
  if (!frames || !frames.length) {
    return;
  }
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].metrics.time_ms <= ms) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  const f = frames[lo];
  if (f === st.shown) {
    return;
  }
  st.shown = f;
  const top = st.scaleTop.update(f.metrics.time_ms, f.metrics.peak_pressure, st.info.contact_threshold);
  if (top !== heatmap.top || !st.legendDrawn) {
    heatmap.setTop(top);
    renderLegend(st.info, top);
    st.legendDrawn = true;
  }
  heatmap.setFrame(f.metrics, f.cells);
  message(null);
}

function renderText() {
  $('position').textContent = clock((st.pos - st.startMs) / 1000);
  $('scrubber').value = String((st.pos - st.startMs) / 1000);
  const m = st.shown && st.shown.metrics;
  $('coverage').textContent = m ? percent(m.lower_back_coverage) : '–';
  heatmap.setLabelCoverage(m ? m.lower_back_coverage : undefined);
  $('posture').textContent = m ? postureText(m.posture) : '–';
  $('heatmap').dataset.frameTime = m ? String(m.time_ms) : '';
  drawTimeline();
}

/** Coverage over the session, postures as bands, shifts as lines, the playhead. */
function drawTimeline() {
  const c = $('timeline');
  const dpr = window.devicePixelRatio || 1;
  const r = c.getBoundingClientRect();
  c.width = Math.max(1, Math.round(r.width * dpr));
  c.height = Math.max(1, Math.round(r.height * dpr));
  const ctx = c.getContext('2d');
  const span = st.endMs - st.startMs;
  if (!(span > 0)) {
    return;
  }
  const x = (t) => ((t - st.startMs) / span) * c.width;
  ctx.clearRect(0, 0, c.width, c.height);
  const pts = st.contact;
  for (let i = 0; i < pts.length; i++) {
    const next = i + 1 < pts.length ? pts[i + 1].time_ms : st.endMs;
    ctx.fillStyle = POSTURE_COLOURS[pts[i].posture] || POSTURE_COLOURS.unknown;
    ctx.fillRect(x(pts[i].time_ms), 0, Math.max(1, x(next) - x(pts[i].time_ms)), c.height);
  }
  ctx.strokeStyle = getComputedStyle(c).color || '#2e7d32';
  ctx.lineWidth = 1.5 * dpr;
  ctx.beginPath();
  let pen = false;
  for (const p of pts) {
    if (p.lower_back_coverage == null) {
      pen = false;
      continue;
    }
    const y = c.height - p.lower_back_coverage * (c.height - 4 * dpr) - 2 * dpr;
    if (pen) {
      ctx.lineTo(x(p.time_ms), y);
    } else {
      ctx.moveTo(x(p.time_ms), y);
      pen = true;
    }
  }
  ctx.stroke();
  ctx.strokeStyle = 'rgba(198, 40, 40, 0.9)';
  ctx.lineWidth = 2 * dpr;
  for (const s of st.shifts) {
    ctx.beginPath();
    ctx.moveTo(x(s.time_ms), 0);
    ctx.lineTo(x(s.time_ms), c.height);
    ctx.stroke();
  }
  ctx.fillStyle = 'rgba(20, 24, 28, 0.85)';
  ctx.fillRect(x(st.pos) - dpr, 0, 2 * dpr, c.height);
}

function message(text) {
  const el = $('map-message');
  el.textContent = text || '';
  el.hidden = !text;
}
