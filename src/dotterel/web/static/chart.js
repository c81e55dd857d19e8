/* dotterel dyad chart: stacked quad-class counts per period above a line of mean Goldstein
   scores, drawn as inline SVG from the JSON of /api/dyads/{a}/{b}/series. No dependencies. */
"use strict";
(function (global) {
  const NS = "http://www.w3.org/2000/svg";
  const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  const W = 900, H = 330, LEFT = 46, RIGHT = 14;
  const BARS = { top: 14, bottom: 178 }, LINE = { top: 206, bottom: 292 }, LABELS = 312;

  function node(tag, attrs, text) {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function label(period, by) {
    if (period === null) return "undated";
    if (by === "month") return period.slice(0, 7);
    return period;
  }

  function describe(p, by) {
    const parts = QUADS.map(q => `${p.quad_counts[q]} ${q.replace("_", " ")}`);
    const g = p.mean_goldstein === null ? "no events" : `mean Goldstein ${p.mean_goldstein}`;
    return `${label(p.period, by)}: ${p.events} events (${parts.join(", ")}); ${g}`;
  }

  function axis(svg, y, text, cls) {
    svg.appendChild(node("line", { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, class: cls || "grid" }));
    svg.appendChild(node("text", { x: LEFT - 6, y: y + 4, class: "tick", "text-anchor": "end" }, text));
  }

  function render(series) {
    const buckets = series.points.slice();
    if (series.undated) buckets.push(series.undated);
    const svg = node("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
      "aria-label": `Events between ${series.a} and ${series.b} per ${series.by}` });
    if (!buckets.length) return svg;
    const gap = series.undated && series.points.length ? 0.6 : 0;
    const slot = (W - LEFT - RIGHT) / (buckets.length + gap);
    const x = i => LEFT + slot * (i + (series.undated && i === buckets.length - 1 ? gap : 0));
    const maxCount = Math.max(1, ...buckets.map(p => p.events));
    const yCount = n => BARS.bottom - (BARS.bottom - BARS.top) * n / maxCount;
    const yG = g => LINE.bottom - (LINE.bottom - LINE.top) * (g + 10) / 20;

    axis(svg, yCount(0), "0", "axis");
    axis(svg, yCount(maxCount), String(maxCount));
    if (maxCount > 1) axis(svg, yCount(maxCount / 2), String(Math.round(maxCount / 2)));
    axis(svg, yG(10), "+10");
    axis(svg, yG(0), "0", "zero");
    axis(svg, yG(-10), "−10");
    svg.appendChild(node("text", { x: LEFT, y: BARS.top - 2, class: "caption" }, "events per " + series.by));
    svg.appendChild(node("text", { x: LEFT, y: LINE.top - 6, class: "caption" }, "mean Goldstein score"));

    const barW = Math.min(56, Math.max(1, slot * 0.72));
    const every = Math.ceil(buckets.length / 12);
    const runs = [[]];  // runs of dated periods with a mean; an empty period breaks the line
    buckets.forEach((p, i) => {
      const left = x(i) + (slot - barW) / 2, mid = x(i) + slot / 2;
      const group = node("g", { class: "bucket" + (p.period === null ? " undated" : "") });
      group.appendChild(node("title", {}, describe(p, series.by)));
      let base = 0;
      QUADS.forEach((q, k) => {
        const n = p.quad_counts[q];
        if (!n) return;
        group.appendChild(node("rect", { x: left, width: barW, y: yCount(base + n),
          height: yCount(base) - yCount(base + n), class: `bar q${k + 1}` }));
        base += n;
      });
      if (p.mean_goldstein !== null) {
        const cy = yG(p.mean_goldstein);
        if (p.period !== null) runs[runs.length - 1].push(`${mid.toFixed(1)},${cy.toFixed(1)}`);
        group.appendChild(node("circle", { cx: mid, cy: cy, r: 3.5, class: "gs-point" }));
      } else if (runs[runs.length - 1].length) {
        runs.push([]);
      }
      svg.appendChild(group);
      if (i % every === 0 || p.period === null) {
        svg.appendChild(node("text", { x: mid, y: LABELS, class: "tick", "text-anchor": "middle" },
          label(p.period, series.by)));
      }
    });
    const d = runs.filter(r => r.length).map(r => "M" + r.join("L")).join("");
    if (d) svg.insertBefore(node("path", { d: d, class: "gs-line" }), svg.querySelector("g.bucket"));
    if (gap) {
      const xs = x(buckets.length - 1) - slot * gap / 2;
      svg.appendChild(node("line", { x1: xs, x2: xs, y1: BARS.top, y2: LINE.bottom, class: "divider" }));
    }
    return svg;
  }

  global.DotterelChart = { render: render, QUADS: QUADS };
})(window);
