/**
 * Draws the layout of one dashboard model as an SVG schematic and converts it to PNG, for the
 * README: what a user gets in Grafana, drawn from the same model `cdktf deploy` sends.
 *
 *   npx tsx scripts/render-dashboard.ts [environment] [dashboard uid]
 *   (default: homelab homelab-system-infrastructure; writes docs/<uid>.svg and docs/<uid>.png; the SLOs
 *   dashboard of an environment with slos is <env>-slo)
 *
 * The PNG needs rsvg-convert (Debian package librsvg2-bin). Panels show their title, type, unit
 * and first query; the curves and numbers are placeholders, not data.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboardsFor, ENVIRONMENTS } from '../environments';
import { sloDashboard } from '../model/dashboards/slo';

const COLUMN = 50; // px per grid column (24 columns)
const ROW = 30; // px per grid row
const MARGIN = 16;
const HEADER = 86;
const COLORS = { green: '#73bf69', yellow: '#fade2a', orange: '#ff9830', red: '#f2495c', blue: '#5794f2', purple: '#b877d9' } as const;
const SERIES = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9'];

type PanelModel = Omit<dashboard.Panel, 'targets'> & { targets?: Array<{ expr?: string; legendFormat?: string }> };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function truncate(text: string, px: number, charPx: number): string {
  const max = Math.max(4, Math.floor(px / charPx));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A deterministic pseudo-random sequence, so that the picture only changes when the model does. */
function wave(seed: number, n: number): number[] {
  let s = seed * 9301 + 49297;
  const next = () => {
    s = (s * 9301 + 49297) % 233280;
    return s / 233280;
  };
  const base = 0.3 + next() * 0.4;
  return Array.from({ length: n }, (_, i) => Math.min(0.95, Math.max(0.05, base + Math.sin(i / (3 + next() * 4) + seed) * 0.15 + (next() - 0.5) * 0.12)));
}

function thresholdColor(panel: PanelModel): string {
  const steps = panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
  const base = steps[0]?.color as keyof typeof COLORS | undefined;
  return (base && COLORS[base]) || COLORS.green;
}

function glyph(panel: PanelModel, x: number, y: number, w: number, h: number): string {
  const out: string[] = [];
  const id = panel.id ?? 1;
  switch (panel.type) {
    case 'timeseries': {
      const series = Math.min(panel.targets?.length ?? 1, 3);
      for (let s = 0; s < series; s++) {
        const pts = wave(id * 7 + s, 40).map((v, i) => `${(x + (i * w) / 39).toFixed(1)},${(y + h - v * h).toFixed(1)}`).join(' ');
        out.push(`<polyline points="${pts}" fill="none" stroke="${SERIES[(id + s) % SERIES.length]}" stroke-width="1.6"/>`);
      }
      const steps = panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
      if (steps.length > 1) {
        const ty = y + h * 0.18;
        out.push(`<line x1="${x}" y1="${ty}" x2="${x + w}" y2="${ty}" stroke="${COLORS.red}" stroke-width="1" stroke-dasharray="6 4"/>`);
      }
      out.push(`<line x1="${x}" y1="${y + h}" x2="${x + w}" y2="${y + h}" stroke="#2c3235"/>`);
      break;
    }
    case 'stat': {
      const size = Math.min(h * 0.7, w / 3.5);
      out.push(`<text x="${x + w / 2}" y="${y + h / 2 + size / 3}" font-size="${size.toFixed(0)}" font-weight="bold" fill="${thresholdColor(panel)}" text-anchor="middle">123</text>`);
      break;
    }
    case 'gauge': {
      const r = Math.min(w / 2.4, h * 0.8);
      const cx = x + w / 2;
      const cy = y + h * 0.92;
      const arc = (from: number, to: number, color: string) => {
        const a0 = Math.PI * (1 - from);
        const a1 = Math.PI * (1 - to);
        return `<path d="M ${cx + r * Math.cos(a0)} ${cy - r * Math.sin(a0)} A ${r} ${r} 0 0 1 ${cx + r * Math.cos(a1)} ${cy - r * Math.sin(a1)}" fill="none" stroke="${color}" stroke-width="${(r / 5).toFixed(1)}"/>`;
      };
      out.push(arc(0, 1, '#2c3235'), arc(0, 0.62, thresholdColor(panel)));
      break;
    }
    case 'bargauge': {
      const bars = 4;
      for (let i = 0; i < bars; i++) {
        const bh = (h / bars) * 0.6;
        const by = y + (i * h) / bars + bh * 0.3;
        const v = wave(id + i, 1)[0];
        out.push(`<rect x="${x}" y="${by}" width="${w}" height="${bh}" fill="#22252b"/>`);
        out.push(`<rect x="${x}" y="${by}" width="${(w * v).toFixed(1)}" height="${bh}" fill="${SERIES[(id + i) % SERIES.length]}" opacity="0.85"/>`);
      }
      break;
    }
    case 'table': {
      const lines = Math.max(2, Math.floor(h / 18));
      for (let i = 0; i <= lines; i++) {
        out.push(`<line x1="${x}" y1="${y + (i * h) / lines}" x2="${x + w}" y2="${y + (i * h) / lines}" stroke="${i === 1 ? '#5a5f66' : '#2c3235'}"/>`);
      }
      break;
    }
  }
  return out.join('\n');
}

export function renderSvg(model: dashboard.Dashboard): string {
  const panels = (model.panels ?? []) as PanelModel[];
  const bottom = Math.max(...panels.map((p) => (p.gridPos?.y ?? 0) + (p.gridPos?.h ?? 0)));
  const width = 24 * COLUMN + 2 * MARGIN;
  const height = HEADER + bottom * ROW + MARGIN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Inter, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#111217"/>`,
    `<text x="${MARGIN}" y="30" font-size="19" fill="#ccccdc">${escapeXml(`${model.tags?.[0] ?? ''} / ${model.title ?? ''}`)}</text>`,
    `<text x="${width - MARGIN}" y="30" font-size="13" fill="#9fa7b3" text-anchor="end">Last 6 hours · refresh 1m · uid ${escapeXml(model.uid ?? '')}</text>`,
  ];
  let vx = MARGIN;
  for (const v of model.templating.list ?? []) {
    const label = `${v.label ?? v.name}   All ▾`;
    const w = label.length * 7.6 + 20;
    out.push(`<rect x="${vx}" y="46" width="${w}" height="26" rx="3" fill="#181b1f" stroke="#2c3235"/>`);
    out.push(`<text x="${vx + 10}" y="64" font-size="13" fill="#ccccdc">${escapeXml(label)}</text>`);
    vx += w + 8;
  }
  for (const p of panels) {
    const g = p.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
    const x = MARGIN + g.x * COLUMN;
    const y = HEADER + g.y * ROW;
    const w = g.w * COLUMN - 6;
    const h = g.h * ROW - 6;
    if (p.type === 'row') {
      out.push(`<text x="${x}" y="${y + 20}" font-size="15" font-weight="bold" fill="#ccccdc">⌄ ${escapeXml(p.title ?? '')}</text>`);
      continue;
    }
    out.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#181b1f" stroke="#2c3235"/>`);
    out.push(`<text x="${x + 10}" y="${y + 20}" font-size="13" font-weight="bold" fill="#ccccdc">${escapeXml(truncate(p.title ?? '', w - 40, 7.5))}</text>`);
    // The (i) of the panel description.
    out.push(`<circle cx="${x + w - 16}" cy="${y + 16}" r="6" fill="none" stroke="#6e7681"/>`);
    out.push(`<text x="${x + w - 16}" y="${y + 20}" font-size="10" font-weight="bold" fill="#6e7681" text-anchor="middle">i</text>`);
    const footer = 34;
    out.push(glyph(p, x + 12, y + 32, w - 24, Math.max(10, h - 32 - footer - 4)));
    const meta = `${p.type} · unit ${p.fieldConfig?.defaults?.unit ?? '?'}`;
    out.push(`<text x="${x + 10}" y="${y + h - 22}" font-size="11" fill="#8e96a3">${escapeXml(truncate(meta, w - 20, 6.4))}</text>`);
    const expr = p.targets?.[0]?.expr ?? '';
    out.push(`<text x="${x + 10}" y="${y + h - 8}" font-size="10" font-family="DejaVu Sans Mono, monospace" fill="#6e9fff">${escapeXml(truncate(expr, w - 20, 6.1))}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function main(): void {
  const [environment = 'homelab', uid = 'homelab-system-infrastructure'] = process.argv.slice(2);
  // The same data source references the stack gives its dashboards.
  const prometheus = { type: 'prometheus', uid: `${environment}-prometheus` };
  const slos = ENVIRONMENTS.find((e) => e.name === environment)?.monitoring.slos ?? [];
  const models = [...dashboardsFor(environment, { prometheus }), ...(slos.length ? [sloDashboard(environment, prometheus, slos)] : [])];
  const model = models.find((m) => m.uid === uid);
  if (!model) {
    throw new Error(`no dashboard "${uid}" in ${environment}; it has ${models.map((m) => m.uid).join(', ') || 'none'}`);
  }
  const docs = path.join(__dirname, '..', 'docs');
  fs.mkdirSync(docs, { recursive: true });
  const svg = path.join(docs, `${uid}.svg`);
  const png = path.join(docs, `${uid}.png`);
  fs.writeFileSync(svg, `${renderSvg(model)}\n`);
  try {
    execFileSync('rsvg-convert', ['--format', 'png', '--output', png, svg]);
  } catch (error) {
    throw new Error(`rsvg-convert failed (apt-get install librsvg2-bin): ${(error as Error).message}`);
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), svg)} and ${path.relative(process.cwd(), png)}\n`);
}

if (require.main === module) main();
