import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, esc, wrapLabel, heatBins, heatColor, heatmap, linePath, linearScale, lineChart, niceDomain, progressBar, stackedBar } from '../../src/lib/charts.ts';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

const base = { id: 'c1', title: 'Trend', desc: 'Totals by period', emptyText: 'No data yet' };

test('a linear scale maps the domain ends to the range ends, and a flat domain to the middle', () => {
  const s = linearScale([0, 100], [200, 0]);
  assert.equal(s(0), 200);
  assert.equal(s(100), 0);
  assert.equal(s(25), 150);
  assert.equal(linearScale([5, 5], [0, 10])(5), 5);
});

test('nice domains cover the values with round ticks', () => {
  const d = niceDomain([71.5, 93.25]);
  assert.ok(d.min <= 71.5 && d.max >= 93.25);
  assert.deepEqual(d.ticks, [70, 75, 80, 85, 90, 95]);
  const z = niceDomain([3, 8], { includeZero: true });
  assert.equal(z.min, 0);
  // negative totals: the domain goes below zero and zero is a tick
  const n = niceDomain([-12, 40]);
  assert.ok(n.min <= -12 && n.max >= 40);
  assert.ok(n.ticks.includes(0));
  // a single value is padded on both sides
  const one = niceDomain([80]);
  assert.ok(one.min < 80 && one.max > 80);
  // nothing at all
  assert.deepEqual(niceDomain([]), { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  // ticks are evenly spaced and free of float noise
  const f = niceDomain([0.1, 0.7]);
  for (const t of f.ticks) assert.equal(t, Number(t.toFixed(2)));
});

test('a line path breaks at missing values', () => {
  assert.equal(linePath([{ x: 0, y: 10 }, { x: 5.55, y: 20 }, null, { x: 20, y: 5 }, { x: 30, y: 1 }]), 'M0 10L5.6 20M20 5L30 1');
  assert.equal(linePath([]), '');
  assert.equal(linePath([null, { x: 1, y: 2 }]), 'M1 2');
});

test('labels are clipped with an ellipsis, counting characters not bytes', () => {
  assert.equal(clip('Đông Triều', 20), 'Đông Triều');
  assert.equal(clip('Ban CHQS thành phố Hạ Long', 10), 'Ban CHQS …');
});

test('long category labels wrap onto two lines at spaces', () => {
  assert.deepEqual(wrapLabel('Đợt 1', 12), ['Đợt 1']);
  assert.deepEqual(wrapLabel('Đợt 1 (tháng 1–2/2021)', 16), ['Đợt 1', '(tháng 1–2/2021)']);
  assert.deepEqual(wrapLabel('Đợt 1 (tháng 1–2/2021)', 12), ['Đợt 1 (tháng', '1–2/2021)']);
  assert.deepEqual(wrapLabel('Quý một năm hai nghìn', 8), ['Quý một', 'năm hai…']);
  assert.deepEqual(wrapLabel('Supercalifragilistic', 8), ['Superca…']);
  // a parenthesis that would be clipped is left out, rather than shown as "(thán…"
  assert.deepEqual(wrapLabel('Kỳ 1 (tháng 1–2/2021)', 6), ['Kỳ 1']);
  assert.deepEqual(wrapLabel('Đợt 10 (tháng 1/2022)', 7), ['Đợt 10']);
  assert.deepEqual(wrapLabel('Period 1 (months 1–2/2021)', 6), ['Period', '1'], 'the name before it on two lines, in English');
  const categories = ['Đợt 1 (tháng 1–2/2021)', 'Đợt 2 (tháng 3–4/2021)'];
  const svg = lineChart({ ...base, width: 320, categories, series: [{ label: 'A', values: [1, 2], tone: 'primary' }] });
  assert.match(svg, /<tspan [^>]*dy="0">Đợt 1<\/tspan><tspan [^>]*dy="17">\(tháng 1–2\/2021\)<\/tspan>/, 'the parenthesis on a second line');
  const narrow = lineChart({ ...base, width: 200, categories, series: [{ label: 'A', values: [1, 2], tone: 'primary' }] });
  assert.doesNotMatch(narrow, /dy="17"|thán…/, 'no room for the parenthesis: it is left out, not clipped');
  assert.match(narrow, /<tspan [^>]*>Đợt 1<\/tspan><title>Đợt 1 \(tháng 1–2\/2021\)<\/title>/, 'the full label stays as a tooltip when shortened');
});

test('text and attributes are escaped', () => {
  assert.equal(esc(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  const svg = lineChart({ ...base, title: '<script>alert(1)</script>', categories: ['"P1"'], series: [{ label: 'Unit <b>', values: [5], tone: 'primary' }] });
  assert.doesNotMatch(svg, /<script>/);
  assert.doesNotMatch(svg, /<b>/);
  assert.match(svg, /&lt;script&gt;/);
  assert.match(svg, /&quot;P1&quot;/);
});

test('many long category labels on a narrow chart are thinned out rather than overlapping', () => {
  const categories = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}/2021`);
  const svg = lineChart({ ...base, width: 360, categories, series: [{ label: 'A', values: categories.map((_, i) => 50 + i), tone: 'primary' }] });
  // the x labels: text elements holding tspans, left to right, with the widest line of each
  const labels = [...svg.matchAll(/<text x="([\d.]+)"[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)/g)].map((m) => ({ x: Number(m[1]), chars: Math.max(...[...m[2].matchAll(/>([^<]*)<\/tspan>/g)].map((t) => [...t[1]].length)) }));
  assert.ok(labels.length >= 3 && labels.length < 12, `some labels drawn, not all 12: ${labels.length}`);
  assert.ok(svg.includes('>Tháng 1/2021<') || svg.includes('>Tháng<'), 'the first period is labelled');
  for (let i = 1; i < labels.length; i++) {
    const room = labels[i].x - labels[i - 1].x;
    const need = ((labels[i].chars + labels[i - 1].chars) / 2) * 7.4;
    assert.ok(room >= need, `labels ${i - 1} and ${i} overlap: ${room} px apart, ${need} px needed`);
  }
  const wide = lineChart({ ...base, width: 1200, categories, series: [{ label: 'A', values: categories.map((_, i) => 50 + i), tone: 'primary' }] });
  assert.equal([...wide.matchAll(/<text x="[\d.]+"[^>]*><tspan/g)].length, 12, 'with room, every period is labelled');
});

test('twelve months on the dashboard chart: the labels drawn are whole, none clipped ("Tháng" over "11/20…")', () => {
  // the national data set's periods, on the dashboards' trend chart (400 wide), with its totals
  const categories = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}/2025`);
  const values = [230, 222, 232.5, 230.5, 230.5, 224.5, 225, 228, 226.5, 240.5, 235.5, 263];
  const svg = lineChart({ ...base, width: 400, height: 250, categories, series: [{ label: 'ĐV 347', values, tone: 'primary', showValues: true }] });
  const lines = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
  assert.ok(lines.includes('Tháng') && lines.includes('1/2025'), `the first month is labelled: ${lines.join(' | ')}`);
  assert.ok(lines.filter((l) => l === 'Tháng').length >= 3, `at least three months labelled: ${lines.join(' | ')}`);
  assert.deepEqual(lines.filter((l) => l.includes('…')), [], 'no label drawn is clipped');
});

test('a line chart has a title and description it is labelled by', () => {
  const svg = lineChart({ ...base, categories: ['P1', 'P2', 'P3'], series: [{ label: 'Hạ Long', values: [80, 85.5, 90], tone: 'primary', showValues: true }] });
  assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
  assert.match(svg, /<title id="c1-title">Trend<\/title>/);
  assert.match(svg, /<desc id="c1-desc">Totals by period<\/desc>/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 3);
  assert.match(svg, /<path d="M[^"]*L[^"]*L[^"]*"/, 'one line through three points');
  assert.match(svg, />85.5</, 'values are written on the points');
});

test('values written over the points never cover one another; with room, every value is written', () => {
  // the reference case's first unit: two equal totals side by side, and close ones after them
  const values = [100, 93, 89, 89.5, 96.5, 96.5, 95.5, 94.5, 95, 93.5, 94, 96];
  const categories = values.map((_, i) => `Đợt ${i + 1} (tháng ${i + 1}/2021)`);
  const fmt = (n: number) => String(n).replace('.', ',');
  const written = (svg: string) =>
    [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*font-weight="700"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
  const narrow = written(lineChart({ ...base, width: 400, height: 250, categories, series: [{ label: 'Ba Chẽ', values, tone: 'primary', showValues: true }], format: fmt }));
  assert.ok(narrow.length >= 8 && narrow.length < values.length, `most values written, not all 12: ${narrow.length}`);
  assert.equal(narrow[0].text, '100', 'the first value is written');
  for (let i = 0; i < narrow.length; i++) {
    for (let j = i + 1; j < narrow.length; j++) {
      const [a, b] = [narrow[i], narrow[j]];
      const apart = Math.abs(a.x - b.x) >= ((a.text.length + b.text.length) / 2) * 8.6 || Math.abs(a.y - b.y) >= 14;
      assert.ok(apart, `"${a.text}" at ${a.x},${a.y} and "${b.text}" at ${b.x},${b.y} overlap`);
    }
  }
  const wide = written(lineChart({ ...base, width: 1200, height: 250, categories, series: [{ label: 'Ba Chẽ', values, tone: 'primary', showValues: true }], format: fmt }));
  assert.deepEqual(wide.map((w) => w.text), values.map(fmt), 'a wide chart writes every value');
});

test('a line chart with no data says so instead of drawing axes', () => {
  const svg = lineChart({ ...base, categories: ['P1', 'P2'], series: [{ label: 'A', values: [null, null], tone: 'primary' }] });
  assert.match(svg, /No data yet/);
  assert.doesNotMatch(svg, /<circle/);
  assert.match(svg, /<title id="c1-title">/);
  const none = lineChart({ ...base, categories: [], series: [] });
  assert.match(none, /No data yet/);
});

test('a single period draws points without a line', () => {
  const svg = lineChart({ ...base, categories: ['P1'], series: [{ label: 'A', values: [72], tone: 'primary' }, { label: 'Average', values: [70], tone: 'reference' }] });
  assert.equal((svg.match(/<circle /g) ?? []).length, 2);
  assert.doesNotMatch(svg, /<path /);
  assert.match(svg, />Average</, 'two series get a legend');
});

test('negative totals get a zero line and points below it', () => {
  const fmt = (n: number) => n.toFixed(0);
  const svg = lineChart({ ...base, categories: ['P1', 'P2'], series: [{ label: 'A', values: [-5, 20], tone: 'primary' }], format: fmt });
  assert.match(svg, /<text [^>]*>-\d+<\/text>/, 'a negative tick label');
  const zero = svg.match(/<line [^>]*y1="([\d.]+)" [^>]*stroke="#55606b" stroke-width="1.5"/);
  assert.ok(zero, 'zero is drawn darker');
  const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(ys.length, 2);
  assert.ok(ys[0] > Number(zero[1]), 'the negative point is below the zero line');
  assert.ok(ys[1] < Number(zero[1]), 'the positive point is above it');
});

test('a gap in a series leaves the other periods plotted', () => {
  const svg = lineChart({ ...base, categories: ['P1', 'P2', 'P3'], series: [{ label: 'A', values: [50, null, 60], tone: 'primary' }] });
  assert.equal((svg.match(/<circle /g) ?? []).length, 2);
  assert.doesNotMatch(svg, /<path /, 'no line across the gap');
});

test('heat colours: five bins, clamped, empty cell for null, and readable text on every fill', () => {
  assert.deepEqual(heatColor(0), heatColor(-10));
  assert.deepEqual(heatColor(100), heatColor(250));
  assert.notDeepEqual(heatColor(10), heatColor(90));
  assert.notDeepEqual(heatColor(90, 'good'), heatColor(90, 'bad'));
  assert.equal(heatColor(null).fill, '#f5f6f4');
  for (const tone of ['good', 'bad'] as const) {
    const bins = heatBins(tone);
    assert.equal(bins.length, 5);
    for (const b of bins) assert.ok(contrast(b.fill, b.ink) >= 4.5, `${tone} ${b.fill} text contrast ${contrast(b.fill, b.ink).toFixed(2)}`);
  }
  assert.ok(contrast(heatColor(null).fill, heatColor(null).ink) >= 4.5);
});

test('the heatmap writes the number in every cell with its colour', () => {
  const svg = heatmap({
    ...base,
    id: 'hm',
    columns: [
      { label: 'A', tone: 'good', tip: 'Politics' },
      { label: 'K', tone: 'bad' },
    ],
    rows: [
      { label: 'Hạ Long', cells: [{ pct: 95, text: '95%' }, { pct: 0, text: '0%' }] },
      { label: 'Cô Tô', cells: [{ pct: 35, text: '35%' }, { pct: null, text: '–' }] },
    ],
    legend: { bins: ['0–19', '20–39', '40–59', '60–79', '80–100'], good: 'Share of max', bad: 'Penalty' },
  });
  assert.match(svg, /role="img"/);
  assert.match(svg, /<title id="hm-title">Trend<\/title>/);
  for (const n of ['95%', '0%', '35%', '–']) assert.match(svg, new RegExp(`>${n}<`));
  assert.match(svg, new RegExp(`fill="${heatColor(95).fill}"`));
  assert.match(svg, new RegExp(`fill="${heatColor(35).fill}"`));
  assert.match(svg, />Penalty</, 'a second legend row for the penalty column');
  assert.match(svg, /<title>Politics<\/title>/);
});

test('an empty heatmap says so', () => {
  const svg = heatmap({ ...base, columns: [], rows: [], legend: { bins: [], good: '' } });
  assert.match(svg, /No data yet/);
  assert.doesNotMatch(svg, /<g>/);
});

test('bars fill their share and are hidden from screen readers', () => {
  const half = progressBar(0.5, 'good', { width: 200 });
  assert.match(half, /aria-hidden="true"/);
  assert.match(half, /<rect x="0" y="0" width="100" height="12" fill="#2f7a47"\/>/);
  assert.doesNotMatch(progressBar(0), /fill="#2f7a47"/);
  assert.match(progressBar(7), /width="200" height="12" fill="#2f7a47"/, 'clamped to full');
  const st = stackedBar([{ value: 3, tone: 'good' }, { value: 1, tone: 'warn' }], { width: 100 });
  assert.match(st, /<rect x="0" y="0" width="75" height="12"/);
  assert.match(st, /<rect x="75" y="0" width="25" height="12"/);
  assert.doesNotMatch(stackedBar([{ value: 0, tone: 'good' }]), /fill="#2f7a47"/, 'nothing to draw');
});
