// Dashboard: conversations, handoffs, first-response times, SLA breaches, registrations and cases
// by week and by unit (GET /api/officer/dashboard), drawn with Chart.js.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, api, t, qs, useLang } from './lib.js';
import { useData, ErrorBox, Loading, ExportButtons, UnitInput } from './ui.js';

// Chart.js is 110 KB compressed: loaded when the dashboard is first opened, not with the inbox.
let chartLib = null;
const loadChart = () =>
  (chartLib ??= import('chart.js').then(({ Chart, registerables }) => {
    Chart.register(...registerables);
    return Chart;
  }));

const SERIES = ['conversations', 'handoffs', 'firstResponseP50', 'slaBreaches', 'registrations', 'cases'];
const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#b91c1c', '#7c3aed', '#0e7490'];

const isoDay = (d) => d.toISOString().slice(0, 10);

/** A series: numbers aligned with `weeks` (null: nothing to measure that week, drawn as a gap). */
function values(series, weeks, scale = 1) {
  if (!Array.isArray(series)) return weeks.map(() => null);
  return series.map((v) => (typeof v === 'number' ? Math.round((v / scale) * 10) / 10 : null));
}
const weekLabel = (w) => (typeof w === 'string' ? w : w?.week ?? w?.start ?? String(w));

export function DashboardScreen() {
  const lang = useLang();
  const [range, setRange] = useState(() => {
    const to = new Date();
    return { from: isoDay(new Date(to.getTime() - 12 * 7 * 86400_000)), to: isoDay(to), unit: '' };
  });
  const d = useData(() => api(`/dashboard${qs(range)}`), [range.from, range.to, range.unit]);
  const set = (k) => (e) => setRange({ ...range, [k]: e.currentTarget.value.trim() });

  return html`<section class="dashboard">
    <div class="toolbar">
      <h1>${t('dashboard.title')}</h1>
      <label class="inline">${t('dashboard.from')}<input type="date" value=${range.from} onChange=${set('from')} /></label>
      <label class="inline">${t('dashboard.to')}<input type="date" value=${range.to} onChange=${set('to')} /></label>
      <${UnitInput} value=${range.unit} placeholder=${t('dashboard.unitPlaceholder')} onCommit=${(unit) => setRange({ ...range, unit })} />
    </div>
    <div class="toolbar exports">
      <span class="muted">${t('dashboard.exportWeeks')}</span><${ExportButtons} path="/dashboard" params=${{ ...range, table: 'weeks' }} />
      <span class="muted">${t('dashboard.exportUnits')}</span><${ExportButtons} path="/dashboard" params=${{ ...range, table: 'units' }} />
    </div>
    <${ErrorBox} error=${d.error} />
    ${!d.data && !d.error ? html`<${Loading} />` : null}
    ${d.data ? html`<div class="charts" data-testid="charts">
      ${SERIES.map((k, i) => {
        const weeks = d.data.weeks ?? [];
        // response times come in seconds; officers think in minutes
        const sets = k === 'firstResponseP50'
          ? [{ label: t('dashboard.p50'), data: values(d.data.series?.firstResponseP50, weeks, 60), color: COLORS[i] }, { label: t('dashboard.p90'), data: values(d.data.series?.firstResponseP90, weeks, 60), color: '#a3a3a3' }]
          : [{ label: t(`dashboard.series.${k}`), data: values(d.data.series?.[k], weeks), color: COLORS[i] }];
        return html`<${SeriesChart} key=${`${k}-${lang}`} title=${t(`dashboard.series.${k}`)} labels=${weeks.map(weekLabel)} sets=${sets} kind=${k === 'firstResponseP50' ? 'line' : 'bar'} />`;
      })}
      <${UnitChart} key=${`units-${lang}`} rows=${d.data.byUnit ?? []} />
    </div>` : null}
  </section>`;
}

function useChart(config, deps) {
  const canvas = useRef(null);
  useEffect(() => {
    let chart = null;
    let gone = false;
    void loadChart().then((Chart) => {
      if (!gone && canvas.current) chart = new Chart(canvas.current, config());
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, deps);
  return canvas;
}

function SeriesChart({ title, labels, sets, kind }) {
  const canvas = useChart(
    () => ({
      type: kind,
      data: { labels, datasets: sets.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color, tension: 0.25, spanGaps: true })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: sets.length > 1 } }, scales: { y: { beginAtZero: true } } },
    }),
    [JSON.stringify(labels), JSON.stringify(sets)],
  );
  return html`<figure class="chart card"><figcaption>${title}</figcaption><div class="chart-box"><canvas ref=${canvas} role="img" aria-label=${title}></canvas></div></figure>`;
}

const unitName = (r) => {
  const name = typeof r.unit === 'object' && r.unit ? r.unit.name ?? r.unit.code : r.unitName ?? r.name ?? r.unit ?? r.code ?? '';
  return r.direct ? `${name} (${t('dashboard.direct')})` : name;
};

function UnitChart({ rows }) {
  const keys = SERIES.filter((k) => rows.some((r) => typeof r[k] === 'number') && k !== 'firstResponseP50');
  const canvas = useChart(
    () => ({
      type: 'bar',
      data: { labels: rows.map(unitName), datasets: keys.map((k) => ({ label: t(`dashboard.series.${k}`), data: rows.map((r) => r[k] ?? 0), backgroundColor: COLORS[SERIES.indexOf(k)] })) },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { beginAtZero: true } } },
    }),
    [JSON.stringify(rows)],
  );
  if (!rows.length) return null;
  return html`<figure class="chart card wide"><figcaption>${t('dashboard.byUnit')}</figcaption>
    <div class="chart-box tall"><canvas ref=${canvas} role="img" aria-label=${t('dashboard.byUnit')}></canvas></div>
    <div class="table-wrap"><table>
      <thead><tr><th>${t('dashboard.unit')}</th>${keys.map((k) => html`<th>${t(`dashboard.series.${k}`)}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${unitName(r)}</td>${keys.map((k) => html`<td class="num">${r[k] ?? 0}</td>`)}</tr>`)}</tbody>
    </table></div>
  </figure>`;
}

