import { estimateCapacity, formatBytes, HISTOGRAM_BUCKETS, namedCatalogSeries, seriesPerTarget, sizeBytes, SUMMARY_QUANTILES } from '../../lib/capacity';
import { scrapeSeries } from '../../lib/catalogs';

describe('capacity estimate', () => {
  test('a catalog counts one series a counter or gauge, buckets + 2 a histogram, quantiles + 2 a summary, plus the scrape series', () => {
    const catalog = [
      { name: 'a_total', type: 'counter' as const, labels: [] },
      { name: 'b', type: 'gauge' as const, labels: ['x'] },
      { name: 'c_seconds', type: 'histogram' as const, labels: [] },
      { name: 'd_seconds', type: 'summary' as const, labels: [] },
    ];
    expect(seriesPerTarget(catalog)).toBe(2 + HISTOGRAM_BUCKETS + 2 + SUMMARY_QUANTILES + 2 + scrapeSeries.length);
  });

  test('series = targets × series per target; samples/s = series / interval; disk = samples × retention × 2 bytes', () => {
    const e = estimateCapacity(
      [
        { name: 'a', targets: 3, interval: '15s', seriesPerTarget: 100 },
        { name: 'b', targets: 2, interval: '1m', seriesPerTarget: 60 },
        { name: 'c', targets: 4, interval: '15s' },
      ],
      { time: '1d' },
    );
    expect(e.targets).toBe(9);
    expect(e.activeSeries).toBe(420);
    expect(e.samplesPerSecond).toBeCloseTo(300 / 15 + 120 / 60);
    expect(e.diskBytes).toBeCloseTo(22 * 86400 * 2);
    expect(e.uncatalogued).toEqual(['c']);
  });

  test('the retention size caps the disk', () => {
    const e = estimateCapacity([{ name: 'a', targets: 1000, interval: '1s', seriesPerTarget: 1000 }], { time: '30d', size: '100GB' });
    expect(e.diskBytes).toBe(100 * 2 ** 30);
    expect(sizeBytes('512MB')).toBe(512 * 2 ** 20);
    expect(formatBytes(1536 * 2 ** 20)).toBe('1.5 GB');
  });

  test('named catalogs: node-exporter serves the Go process metrics too; an unknown name has none', () => {
    expect(namedCatalogSeries('node-exporter')!).toBeGreaterThan(namedCatalogSeries('nvidia-dcgm')!);
    expect(namedCatalogSeries('brain-worker')).toBeUndefined();
  });
});
