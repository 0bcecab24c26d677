import * as fs from 'fs';
import * as path from 'path';
import { dashboardsFor } from '../../../environments';
import { renderSvg } from '../../../scripts/render-dashboard';

// GIVEN the dashboard the README pictures, built as the homelab stack builds it
const model = dashboardsFor('homelab', { prometheus: { type: 'prometheus', uid: 'homelab-prometheus' } }).find((m) => m.uid === 'homelab-system-infrastructure')!;

describe('the README picture of a dashboard', () => {
  test('draws every row and panel of the model, with its unit', () => {
    // WHEN the layout is drawn
    const svg = renderSvg(model);
    // THEN every title and unit is in it
    for (const panel of model.panels ?? []) {
      expect(svg).toContain(panel.title ?? '(untitled)');
      if (panel.type !== 'row') expect(svg).toContain(`unit ${(panel as { fieldConfig?: { defaults?: { unit?: string } } }).fieldConfig?.defaults?.unit}`);
    }
  });

  test('docs/ holds the picture of the current model (re-run `npx tsx scripts/render-dashboard.ts` after changing it)', () => {
    // WHEN the committed SVG is compared with a fresh drawing / THEN they are the same, and the PNG exists
    const docs = path.join(__dirname, '..', '..', '..', 'docs');
    expect(fs.readFileSync(path.join(docs, 'homelab-system-infrastructure.svg'), 'utf8')).toBe(`${renderSvg(model)}\n`);
    expect(fs.readFileSync(path.join(docs, 'homelab-system-infrastructure.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
