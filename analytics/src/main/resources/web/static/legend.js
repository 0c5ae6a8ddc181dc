// The colour scale under a pressure map (the live page and the player): the gradient, its
// ticks in the mat's units from the contact threshold to the scale's top, and a spoken form.
import { fixed } from './common.js';
import { cssGradient } from './colormap.js';

const $ = (id) => document.getElementById(id);

/** 'kPa' for a calibrated mat, 'counts' for a raw one. */
export function unitOf(info) {
  return info && info.units === 'raw' ? 'counts' : 'kPa';
}

/** The legend's parts, made once inside the page's empty element with id legend. */
const MARKUP = `
  <div class="scale">
    <span class="swatch no-contact" aria-hidden="true"></span>
    <div class="scale-bar">
      <div class="gradient" id="legend-gradient" aria-hidden="true"></div>
      <div class="ticks" id="legend-ticks"></div>
    </div>
    <span class="unit" id="legend-unit">kPa</span>
  </div>
  <ul class="legend-key">
    <li><span class="swatch no-contact" aria-hidden="true"></span>no contact: below <span id="legend-threshold">–</span></li>
    <li><span class="key-outline" aria-hidden="true"></span>contact outline</li>
    <li><span class="key-cop" aria-hidden="true">⊕</span>centre of pressure</li>
    <li><span class="key-lb" aria-hidden="true"></span>lower back</li>
  </ul>`;

/** Draws the legend of the page into its element with id legend. */
export function renderLegend(info, top) {
  if (!info) {
    return;
  }
  if (!$('legend-gradient')) {
    $('legend').innerHTML = MARKUP;
  }
  const unit = unitOf(info);
  const raw = info.units === 'raw';
  const thr = info.contact_threshold;
  $('legend-gradient').style.background = cssGradient('to right');
  $('legend-unit').textContent = unit;
  $('legend-threshold').textContent = `${raw ? Math.round(thr) : fixed(thr, thr < 10 ? 1 : 0)} ${unit}`;
  const ticks = $('legend-ticks');
  ticks.replaceChildren();
  const label = (v) => (raw || v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));
  const add = (v, at) => {
    const t = document.createElement('span');
    t.textContent = label(v);
    t.style.left = `${(at * 100).toFixed(2)}%`;
    ticks.append(t);
  };
  add(thr, 0);
  for (let i = 1; i <= 4; i++) {
    const v = (top * i) / 4;
    const at = (v - thr) / (top - thr);
    if (at > 0.12) {
      add(v, at);
    }
  }
  $('legend').setAttribute('aria-label',
    `Colour scale: dark purple at ${label(thr)} ${unit} to yellow at ${label(top)} ${unit} and above; grey is no contact`);
}
