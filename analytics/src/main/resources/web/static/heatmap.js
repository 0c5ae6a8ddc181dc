// The pressure map on a canvas: the cells interpolated bilinearly in JS (on pressure, not on
// colour, so the contact edge follows the threshold smoothly), coloured with viridis, cells
// below the contact threshold left as the mat's background; over it the contact outline (the
// edges of the contact cells, as the analytics count them), the lower-back region with its
// coverage, and the centre of pressure. Row 0 (the head end) at the top, column 0 on the left.
import { LUT } from './colormap.js';

export class Heatmap {
  /** @param {HTMLCanvasElement} canvas a canvas whose CSS box keeps the mat's aspect ratio */
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.mat = null;
    this.frame = null;
    this.top = 10;
    this.dirty = true;
    this.off = document.createElement('canvas');
    this.offCtx = this.off.getContext('2d');
    this.image = null;
    this.k = 0;
    new ResizeObserver(() => this.resize()).observe(canvas);
    matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => this.readColours());
    this.readColours();
    this.resize();
  }

  readColours() {
    const css = getComputedStyle(this.canvas);
    const rgb = parseColour(css.getPropertyValue('--mat-bg')) || [222, 226, 230];
    this.background = rgb;
    this.dirty = true;
  }

  /** The mat message of the live stream (docs/WEB.md). */
  setMat(mat) {
    this.mat = mat;
    this.frame = null;
    this.k = 0;
    this.resize();
  }

  /** A frame: its metrics (JSON) and its cells (one byte each, row-major). */
  setFrame(metrics, cells) {
    this.frame = { metrics, cells };
    this.dirty = true;
  }

  /** The pressure at the top of the colour scale, in the mat's units. */
  setTop(top) {
    if (top !== this.top) {
      this.top = top;
      this.dirty = true;
    }
  }

  resize() {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width * dpr));
    const h = Math.max(1, Math.round(r.height * dpr));
    if (w !== this.canvas.width || h !== this.canvas.height) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.dpr = dpr;
    this.dirty = true;
  }

  /** Draws when something changed; call once per animation frame. */
  draw() {
    if (!this.dirty) {
      return false;
    }
    this.dirty = false;
    const { ctx, canvas } = this;
    const [br, bg, bb] = this.background;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = `rgb(${br}, ${bg}, ${bb})`;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (!this.mat || !this.frame) {
      return true;
    }
    this.paintCells();
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.off, 0, 0, canvas.width, canvas.height);
    this.drawContactOutline();
    this.drawLowerBack();
    this.drawCentreOfPressure();
    return true;
  }

  /** Bilinear interpolation of the cells into the offscreen canvas, k pixels a cell each way. */
  paintCells() {
    const { rows, cols, scale, contact_threshold: threshold } = this.mat;
    const cells = this.frame.cells;
    // k: about a third of a screen pixel per offscreen pixel is smooth enough; the scaling
    // (with image smoothing) does the rest.
    // At most about 120 000 offscreen pixels, so a big mat or a phone's dense screen stays cheap.
    const kMax = Math.max(2, Math.floor(Math.sqrt(120000 / (rows * cols))));
    const k = Math.max(2, Math.min(16, kMax, Math.round(this.canvas.width / cols / 3)));
    if (k !== this.k || !this.image) {
      this.k = k;
      this.off.width = cols * k;
      this.off.height = rows * k;
      this.image = this.offCtx.createImageData(cols * k, rows * k);
      this.xs = weights(cols, k);
      this.ys = weights(rows, k);
    }
    const thr = threshold / scale; // in byte steps
    const span = Math.max(1e-6, this.top / scale - thr);
    const [br, bg, bb] = this.background;
    const data = this.image.data;
    const W = cols * k;
    const H = rows * k;
    const { i0: xi0, i1: xi1, w: xw } = this.xs;
    const { i0: yi0, i1: yi1, w: yw } = this.ys;
    let o = 0;
    for (let y = 0; y < H; y++) {
      const r0 = yi0[y] * cols;
      const r1 = yi1[y] * cols;
      const wy = yw[y];
      for (let x = 0; x < W; x++) {
        const c0 = xi0[x];
        const c1 = xi1[x];
        const wx = xw[x];
        const top = cells[r0 + c0] + (cells[r0 + c1] - cells[r0 + c0]) * wx;
        const bottom = cells[r1 + c0] + (cells[r1 + c1] - cells[r1 + c0]) * wx;
        const v = top + (bottom - top) * wy;
        if (v < thr) {
          data[o] = br;
          data[o + 1] = bg;
          data[o + 2] = bb;
        } else {
          let t = (v - thr) / span;
          t = t > 1 ? 1 : t;
          const l = ((t * 255 + 0.5) | 0) * 3;
          data[o] = LUT[l];
          data[o + 1] = LUT[l + 1];
          data[o + 2] = LUT[l + 2];
        }
        data[o + 3] = 255;
        o += 4;
      }
    }
    this.offCtx.putImageData(this.image, 0, 0);
  }

  /** The edges between contact and other cells (or the mat's border), white on a dark halo. */
  drawContactOutline() {
    const { rows, cols, scale, contact_threshold: threshold } = this.mat;
    const cells = this.frame.cells;
    const thr = threshold / scale;
    const cw = this.canvas.width / cols;
    const ch = this.canvas.height / rows;
    const on = (r, c) => r >= 0 && r < rows && c >= 0 && c < cols && cells[r * cols + c] >= thr;
    const path = new Path2D();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (!on(r, c)) {
          continue;
        }
        const x = c * cw;
        const y = r * ch;
        if (!on(r - 1, c)) {
          path.moveTo(x, y);
          path.lineTo(x + cw, y);
        }
        if (!on(r + 1, c)) {
          path.moveTo(x, y + ch);
          path.lineTo(x + cw, y + ch);
        }
        if (!on(r, c - 1)) {
          path.moveTo(x, y);
          path.lineTo(x, y + ch);
        }
        if (!on(r, c + 1)) {
          path.moveTo(x + cw, y);
          path.lineTo(x + cw, y + ch);
        }
      }
    }
    const ctx = this.ctx;
    ctx.lineCap = 'square';
    ctx.setLineDash([]);
    ctx.strokeStyle = 'rgba(20, 24, 28, 0.55)';
    ctx.lineWidth = 3 * this.dpr;
    ctx.stroke(path);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = 1.25 * this.dpr;
    ctx.stroke(path);
  }

  /** cm from column 0's edge and from the head edge -> canvas pixels. */
  toPx(xCm, yCm) {
    const { cols, rows, col_pitch_cm: cp, row_pitch_cm: rp } = this.mat;
    return [(xCm / (cols * cp)) * this.canvas.width, (yCm / (rows * rp)) * this.canvas.height];
  }

  drawLowerBack() {
    const m = this.frame.metrics;
    const o = m.lower_back_outline_cm;
    if (!Array.isArray(o) || o.length < 6) {
      return;
    }
    const ctx = this.ctx;
    const dpr = this.dpr;
    const path = new Path2D();
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i + 1 < o.length; i += 2) {
      const [x, y] = this.toPx(o[i], o[i + 1]);
      if (i === 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    path.closePath();
    ctx.lineJoin = 'round';
    ctx.setLineDash([]);
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.lineWidth = 4 * dpr;
    ctx.stroke(path);
    ctx.setLineDash([7 * dpr, 5 * dpr]);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2 * dpr;
    ctx.stroke(path);
    ctx.setLineDash([]);

    // The coverage next to the region: right of it where there is room, else left, else as
    // a tab on its top edge (below it when the region touches the head end).
    const cov = this.labelCoverage !== undefined ? this.labelCoverage : m.lower_back_coverage;
    const text = `lower back ${cov == null ? '–' : Math.round(cov * 100) + ' %'}`;
    const font = Math.max(11, Math.min(15, this.canvas.width / dpr / 22));
    ctx.font = `600 ${font * dpr}px system-ui, sans-serif`;
    const pad = 5 * dpr;
    const bw = ctx.measureText(text).width + 2 * pad;
    const bh = font * dpr * 1.6;
    const gap = 6 * dpr;
    const W = this.canvas.width;
    const H = this.canvas.height;
    let bx;
    let by = (minY + maxY - bh) / 2;
    if (maxX + gap + bw <= W) {
      bx = maxX + gap;
    } else if (minX - gap - bw >= 0) {
      bx = minX - gap - bw;
    } else {
      bx = Math.max(0, Math.min(W - bw, minX));
      by = minY - bh - 2 * dpr >= 0 ? minY - bh - 2 * dpr : maxY + 2 * dpr;
    }
    by = Math.max(0, Math.min(H - bh, by));
    ctx.fillStyle = 'rgba(255, 255, 255, 0.94)';
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.lineWidth = 1 * dpr;
    roundRect(ctx, bx, by, bw, bh, 4 * dpr);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#14181c';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, bx + pad, by + bh / 2 + 0.5 * dpr);
  }

  /** The coverage the label shows: the same value as the page's text (refreshed less often than frames). */
  setLabelCoverage(coverage) {
    if (coverage !== this.labelCoverage) {
      this.labelCoverage = coverage;
      this.dirty = true;
    }
  }

  drawCentreOfPressure() {
    const m = this.frame.metrics;
    if (m.cop_x_cm == null || m.cop_y_cm == null || !(m.contact_area_cm2 > 0)) {
      return;
    }
    const [x, y] = this.toPx(m.cop_x_cm, m.cop_y_cm);
    const ctx = this.ctx;
    const r = 7 * this.dpr;
    ctx.setLineDash([]);
    for (const [colour, width] of [['rgba(0, 0, 0, 0.7)', 4], ['#ffffff', 2]]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width * this.dpr;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.moveTo(x - r * 1.8, y);
      ctx.lineTo(x - r * 0.5, y);
      ctx.moveTo(x + r * 0.5, y);
      ctx.lineTo(x + r * 1.8, y);
      ctx.moveTo(x, y - r * 1.8);
      ctx.lineTo(x, y - r * 0.5);
      ctx.moveTo(x, y + r * 0.5);
      ctx.lineTo(x, y + r * 1.8);
      ctx.stroke();
    }
  }
}

/** For each of n*k output pixels: the two cells around its centre and the weight of the second. */
function weights(n, k) {
  const len = n * k;
  const i0 = new Int32Array(len);
  const i1 = new Int32Array(len);
  const w = new Float32Array(len);
  for (let p = 0; p < len; p++) {
    let u = (p + 0.5) / k - 0.5;
    u = Math.max(0, Math.min(n - 1, u));
    const a = Math.floor(u);
    i0[p] = a;
    i1[p] = Math.min(n - 1, a + 1);
    w[p] = u - a;
  }
  return { i0, i1, w };
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** "#dde2e6" or "rgb(1, 2, 3)" -> [r, g, b]. */
function parseColour(s) {
  s = (s || '').trim();
  let m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^rgba?\(\s*(\d+)[ ,]+(\d+)[ ,]+(\d+)/i.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * The top of the colour scale: a round value above the recent peaks, changed only in steps
 * (and lowered only when the peaks stay well below the next step down), so the colours do
 * not breathe with every frame.
 */
export class ScaleTop {
  constructor(units) {
    this.steps = units === 'raw'
      ? [50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 100000]
      : [2, 5, 10, 15, 20, 30, 40, 60, 80, 100];
    this.top = units === 'raw' ? 500 : 10;
    this.peaks = []; // [time_ms, peak]
  }

  /** Takes a frame's peak; returns the top to use. */
  update(timeMs, peak, floor) {
    if (Number.isFinite(peak)) {
      this.peaks.push([timeMs, peak]);
    }
    while (this.peaks.length && this.peaks[0][0] < timeMs - 20000) {
      this.peaks.shift();
    }
    const recent = this.peaks.reduce((m, p) => Math.max(m, p[1]), 0);
    const need = Math.max(recent, floor * 4);
    const up = this.steps.find((s) => s >= need) ?? this.steps[this.steps.length - 1];
    if (up > this.top) {
      this.top = up;
    } else {
      const i = this.steps.indexOf(this.top);
      const lower = i > 0 ? this.steps[i - 1] : null;
      if (lower != null && need < lower * 0.7) {
        this.top = lower;
      }
    }
    return this.top;
  }
}
