/**
 * npx tsx scripts/catalog-from-metrics.ts <exposition file> [catalog name]
 * Prints, as catalog entries, the families of a saved /metrics exposition that the named catalog of
 * lib/catalogs (with the Go process metrics where that exporter serves them) lacks, or all of them.
 */
import * as fs from 'fs';
import { CATALOGS, mergeCatalogs, processGo } from '../lib/catalogs';
import { parseExposition } from '../lib/exposition';

const [file, name] = process.argv.slice(2);
const known = new Set<string>();
if (name) {
  const info = CATALOGS[name];
  for (const d of info.exposesProcessGo ? mergeCatalogs(info.catalog, processGo) : info.catalog) known.add(d.name);
}
for (const f of parseExposition(fs.readFileSync(file, 'utf8'))) {
  if (known.has(f.name)) continue;
  const help = f.help !== undefined ? `, help: ${JSON.stringify(f.help).replace(/'/g, "\\'").replace(/^"|"$/g, "'")}` : '';
  process.stdout.write(`  { name: '${f.name}', type: '${f.type}', labels: [${f.labels.map((l) => `'${l}'`).join(', ')}]${help} },\n`);
}
