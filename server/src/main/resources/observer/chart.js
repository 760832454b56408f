// The observer's load charts (as :observer's load charts): one SVG line chart per figure over
// the last minutes. chartGeometry is pure (tested with node --test); drawChart touches the DOM.

/** @returns the smallest of 1, 2, 5 times a power of ten that is at least max (at least 1) */
export function niceCeiling(max) {
  if (!(max > 1)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/**
 * Where the line goes: x by time over the window that ends at the newest sample, y from 0 at
 * the bottom to the scale's top.
 *
 * @param samples [{at, ...}], oldest first
 * @param field the figure drawn (a number in each sample)
 * @param windowMillis the time the chart spans
 * @returns {{points: string, top: number, last: number|null}} points as an SVG polyline's
 *     "x,y x,y" with one decimal; samples older than the window are left out
 */
export function chartGeometry(samples, field, width, height, windowMillis) {
  if (samples.length === 0) return { points: "", top: 1, last: null };
  const end = samples[samples.length - 1].at;
  const start = end - windowMillis;
  const shown = samples.filter((s) => s.at >= start);
  const top = niceCeiling(Math.max(...shown.map((s) => s[field])));
  const points = shown.map((s) => {
    const x = ((s.at - start) / windowMillis) * width;
    const y = height - (Math.max(0, s[field]) / top) * height;
    return x.toFixed(1) + "," + y.toFixed(1);
  }).join(" ");
  return { points, top, last: shown[shown.length - 1][field] };
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * Draws (or redraws in place) one chart into an <svg> with a viewBox of width x height.
 * @param spec {field, label, format(value) -> text, windowMillis}
 */
export function drawChart(svg, samples, spec) {
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  const g = chartGeometry(samples, spec.field, width, height, spec.windowMillis);
  let line = svg.querySelector("polyline");
  if (!line) {
    for (const y of [0, height / 2, height]) {
      const rule = document.createElementNS(SVG, "line");
      rule.setAttribute("x1", "0");
      rule.setAttribute("x2", String(width));
      rule.setAttribute("y1", String(y));
      rule.setAttribute("y2", String(y));
      rule.setAttribute("class", "rule");
      svg.appendChild(rule);
    }
    line = document.createElementNS(SVG, "polyline");
    svg.appendChild(line);
  }
  line.setAttribute("points", g.points);
  svg.dataset.samples = String(samples.length);
  const figure = svg.closest("figure");
  if (figure) {
    figure.querySelector(".now").textContent = g.last === null ? "–" : spec.format(g.last);
    figure.querySelector(".top").textContent = "scale " + spec.format(g.top);
  }
}
