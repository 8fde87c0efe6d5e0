import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import {
  Chart,
  registerables,
  type ChartConfiguration,
  type ChartItem,
  type Plugin,
} from 'chart.js';
import type { Coverage } from '../../model/coverage.js';
import type { Group } from './groups.js';

/** A chart that could not be drawn. */
export class ChartError extends Error {
  readonly code = 'NO_FONT';

  constructor(message: string) {
    super(`reelmate: ${message}`);
    this.name = 'ChartError';
  }
}

/**
 * Colours for Discord's dark theme: light text and lines on the dark grey of an embed, so
 * the picture also reads as a dark card in the light theme.
 */
const THEME = {
  background: '#2b2d31',
  text: '#dbdee1',
  grid: 'rgba(219, 222, 225, 0.14)',
  bars: '#5865f2',
  line: '#57f287',
} as const;

/**
 * The font every chart uses, registered from the dejavu-fonts-ttf package under its own name,
 * so the charts never depend on the fonts a machine happens to have.
 */
const FONT = 'reelmate DejaVu Sans';

Chart.register(...registerables);
let fontReady = false;

/**
 * A bar chart of the distinct movies at each rank, with the cumulative count as a line.
 * @param coverage - the figures
 * @returns a PNG, 960 × 480
 */
export function coverageChart(coverage: Coverage): Buffer {
  const ranks = coverage.perRank.map((_, r) => String(r + 1));
  const share = (100 * coverage.share).toFixed(1);
  return draw(960, 480, {
    type: 'bar',
    data: {
      labels: ranks,
      datasets: [
        {
          type: 'line',
          label: 'distinct in the top 1 … n',
          data: coverage.cumulative,
          borderColor: THEME.line,
          backgroundColor: THEME.line,
          borderWidth: 3,
          pointRadius: 4,
        },
        {
          type: 'bar',
          label: 'distinct at rank n',
          data: coverage.perRank,
          backgroundColor: THEME.bars,
        },
      ],
    },
    options: {
      plugins: {
        title: {
          display: true,
          text: [
            `${count(coverage.distinct)} of ${count(coverage.catalog)} movies (${share}%) ` +
              `in ${count(coverage.users)} users' top ${coverage.k}`,
          ],
          font: { size: 22, weight: 'bold' },
        },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { title: { display: true, text: 'rank n' }, grid: { color: THEME.grid } },
        y: {
          beginAtZero: true,
          title: { display: true, text: 'distinct movies' },
          grid: { color: THEME.grid },
        },
      },
    },
  });
}

/**
 * Horizontal bars: for each group, the lift of its most over-represented movie.
 * @param groups - the groups; those without such a movie are left out
 * @param titles - movie titles by MovieLens id
 * @returns a PNG, 960 wide, 28 pixels a group plus room for the titles and axes (320 at least)
 */
export function groupsChart(groups: readonly Group[], titles: ReadonlyMap<number, string>): Buffer {
  const shown = groups.filter((g) => g.movies.length > 0);
  const label = (g: Group) => {
    const title = titles.get(g.movies[0].movie) ?? `movie ${g.movies[0].movie}`;
    return `${g.value} · ${title.length > 34 ? `${title.slice(0, 33)}…` : title}`;
  };
  return draw(960, Math.max(320, 160 + 28 * shown.length), {
    type: 'bar',
    data: {
      labels: shown.map(label),
      datasets: [
        {
          label: 'lift of the most over-represented movie',
          data: shown.map((g) => Number(g.movies[0].lift.toFixed(2))),
          backgroundColor: shown.map((g) => GROUP_COLOURS[g.attribute]),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      // Room after the longest bar for its value.
      layout: { padding: { right: 64 } },
      plugins: {
        title: {
          display: true,
          text: 'Most over-represented movie in each group’s top 10 (× everybody’s rate)',
          font: { size: 20, weight: 'bold' },
        },
        subtitle: { display: true, text: 'pink: gender · yellow: age band · blue: occupation' },
        legend: { display: false },
      },
      scales: {
        x: {
          beginAtZero: true,
          title: { display: true, text: 'lift' },
          grid: { color: THEME.grid },
        },
        y: { grid: { display: false }, ticks: { font: { size: 14 }, autoSkip: false } },
      },
    },
  });
}

const GROUP_COLOURS: Record<Group['attribute'], string> = {
  gender: '#eb459e',
  age: '#fee75c',
  occupation: '#5865f2',
};

/** Fills the canvas before chart.js draws, which otherwise leaves it transparent. */
const background: Plugin = {
  id: 'reelmateBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = THEME.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Writes each bar's value at its end, so the figures read without the axis. */
const barValues: Plugin = {
  id: 'reelmateBarValues',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.fillStyle = THEME.text;
    ctx.font = `14px "${FONT}"`;
    ctx.textAlign = horizontal ? 'left' : 'center';
    chart.data.datasets.forEach((dataset, d) => {
      ctx.textBaseline = horizontal ? 'middle' : 'bottom';
      const meta = chart.getDatasetMeta(d);
      meta.data.forEach((element, i) => {
        const value = Number(dataset.data[i]);
        const text = Number.isInteger(value) ? count(value) : `${value.toFixed(2)}×`;
        if (horizontal) ctx.fillText(text, element.x + 6, element.y);
        // At the foot of a bar, so it never meets the label of a line point at its top.
        else if (dataset.type === 'bar') ctx.fillText(text, element.x, chart.chartArea.bottom - 8);
        else ctx.fillText(text, element.x, element.y - 8);
      });
    });
    ctx.restore();
  },
};

function draw(width: number, height: number, config: ChartConfiguration): Buffer {
  useFont();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [background, barValues],
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

/** Registers the font once per thread and makes it chart.js's default. */
function useFont(): void {
  if (fontReady) return;
  const require = createRequire(import.meta.url);
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    let path: string;
    try {
      path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    } catch {
      throw new ChartError(`the font ${file} is missing: run npm ci (package dejavu-fonts-ttf)`);
    }
    if (!GlobalFonts.registerFromPath(path, FONT)) {
      throw new ChartError(`the font file ${path} could not be read`);
    }
  }
  Chart.defaults.font.family = FONT;
  Chart.defaults.font.size = 16;
  Chart.defaults.color = THEME.text;
  Chart.defaults.borderColor = THEME.grid;
  fontReady = true;
}

function count(n: number): string {
  return n.toLocaleString('en');
}
