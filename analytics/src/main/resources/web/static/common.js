// What both pages share: the mat list and choice (?mat= in the URL), formatting, postures.

/** Postures as the analytics name them, in words a person on the mat reads. */
export const POSTURES = {
  supine: { text: 'Lying on your back', short: 'back' },
  prone: { text: 'Lying on your front', short: 'front' },
  left: { text: 'On your left side', short: 'left side' },
  right: { text: 'On your right side', short: 'right side' },
  sitting: { text: 'Sitting', short: 'sitting' },
  standing: { text: 'Standing', short: 'standing' },
  unknown: { text: 'Not sure', short: 'unclear' },
};

/** A posture's colour in charts: calm, distinct, not the heatmap's scale (docs/WEB.md). */
export const POSTURE_COLOURS = {
  supine: 'rgba(46, 125, 50, 0.16)',
  prone: 'rgba(0, 121, 107, 0.16)',
  left: 'rgba(25, 118, 210, 0.16)',
  right: 'rgba(123, 31, 162, 0.14)',
  sitting: 'rgba(239, 108, 0, 0.18)',
  standing: 'rgba(198, 40, 40, 0.14)',
  unknown: 'rgba(120, 120, 120, 0.12)',
};

export function postureText(p) {
  return (POSTURES[p] || POSTURES.unknown).text;
}

export function postureShort(p) {
  return (POSTURES[p] || { short: p }).short;
}

/** 452.4 -> "7:32"; 3725 -> "1:02:05". */
export function clock(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) {
    return '-';
  }
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The browser's time zone (an IANA name): the person's "today", in which both pages ask the API
 * to count days (tz=), so the live page's day and the history's days are the same days.
 */
export const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A Date's calendar day in the browser's zone, as the API writes dates: "2026-11-25". */
export function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 12 -> "12 s"; 300 -> "5 min"; 7200 -> "2 h"; 200000 -> "2 d": how long ago, roughly. */
export function ago(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) {
    return `${s} s`;
  }
  if (s < 7200) {
    return `${Math.floor(s / 60)} min`;
  }
  return s < 172800 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86400)} d`;
}

/** 452 -> "7 min 32 s"; 3725 -> "1 h 2 min"; 0 -> "0 s". */
export function duration(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) {
    return '-';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) {
    return `${h} h ${m} min`;
  }
  const rest = s % 60;
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** 0.6234 -> "62 %"; null -> "-". */
export function percent(ratio) {
  return ratio == null || !Number.isFinite(ratio) ? '-' : `${Math.round(ratio * 100)} %`;
}

/** A number with a fixed count of decimals, or "-". */
export function fixed(v, decimals) {
  return v == null || !Number.isFinite(v) ? '-' : v.toFixed(decimals);
}

/** GET a JSON document; throws an Error with the server's message on a non-2xx answer. */
export async function getJson(url, { signal } = {}) {
  const r = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  let body = null;
  try {
    body = await r.json();
  } catch (e) {
    // not JSON: reported below by status
  }
  if (!r.ok) {
    const err = new Error(body && body.error ? body.error : `${url}: HTTP ${r.status}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

/**
 * The mats the server knows, as [{mat, ...}], most recently heard first: GET /api/mats, or
 * the mats of /api/health where the server has no /api/mats.
 */
export async function listMats() {
  let body;
  try {
    body = await getJson('/api/mats');
  } catch (e) {
    if (e.status !== 404) {
      throw e;
    }
    body = await getJson('/api/health').catch(() => ({ mats: [] }));
  }
  const list = Array.isArray(body) ? body : body && Array.isArray(body.mats) ? body.mats : [];
  return list
    .map((m) => (typeof m === 'string' ? { mat: m } : { ...m, mat: m.mat ?? m.id }))
    .filter((m) => typeof m.mat === 'string' && m.mat.length > 0);
}

/** The mat named in the page's URL (?mat=), or null. */
export function matFromUrl() {
  const m = new URLSearchParams(location.search).get('mat');
  return m && m.trim() ? m.trim() : null;
}

/** Puts the mat (and other parameters) into the URL without reloading, so a reload or a bookmark keeps them. */
export function setUrlParams(params) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '') {
      q.delete(k);
    } else {
      q.set(k, v);
    }
  }
  const url = `${location.pathname}?${q.toString()}`;
  history.replaceState(null, '', url);
}

/**
 * Fills a <select> with the mats, selecting `current` (added when the server does not list it
 * yet: a mat that has not sent anything since the server started).
 */
export function fillMatSelect(select, mats, current) {
  const ids = mats.map((m) => m.mat);
  if (current && !ids.includes(current)) {
    ids.unshift(current);
  }
  select.replaceChildren();
  if (!current) {
    const o = new Option(ids.length ? 'choose a mat' : 'no mat yet', '');
    o.disabled = true;
    o.selected = true;
    select.add(o);
  }
  for (const id of ids) {
    select.add(new Option(id, id, false, id === current));
  }
  select.disabled = ids.length === 0;
}

/** Keeps the navigation links on the chosen mat. */
export function linkNav(mat) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    const base = a.getAttribute('data-nav');
    a.href = mat ? `${base}?mat=${encodeURIComponent(mat)}` : base;
  }
}
