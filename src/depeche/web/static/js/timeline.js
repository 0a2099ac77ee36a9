// The timeline: matching events (or the share of documents with one) per day, week or month,
// drawn with d3; brushing across it sets the date filter. It is drawn without the date filter
// itself, so that the whole span stays in view and the selection shows as the brush.
import { get } from "./api.js";
import { current, filters, update } from "./state.js";

const d3 = () => window.d3;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 44 };
const DAY = 86400000;

export function periodRange(key) {
  if (/^\d{4}-W\d{2}$/.test(key)) {
    const [year, week] = [Number(key.slice(0, 4)), Number(key.slice(6))];
    const jan4 = Date.UTC(year, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
    const start = monday + (week - 1) * 7 * DAY;
    return [new Date(start), new Date(start + 7 * DAY)];
  }
  const [y, m = 1, d] = key.split("-").map(Number);
  if (d !== undefined) return [new Date(Date.UTC(y, m - 1, d)), new Date(Date.UTC(y, m - 1, d + 1))];
  return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
}

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

async function fetchTimeline(params, by, share) {
  const query = new URLSearchParams(params);
  query.set("by", by);
  if (share) query.set("share", "true");
  return get("/timeline", query);
}

export async function load() {
  const state = current();
  const params = filters();
  params.delete("since");
  params.delete("until");
  const share = state.get("share") === "1";
  let by = state.get("by") || "month";
  let data = await fetchTimeline(params, by, share);
  if (!state.get("by") && data.periods.length && data.periods.length <= 24) {
    by = data.periods.length <= 3 ? "day" : "week";
    data = await fetchTimeline(params, by, share);
  }
  document.getElementById("by").value = state.get("by") || "";
  document.getElementById("share").checked = state.get("share") === "1";
  draw(data, share, state.get("since"), state.get("until"));
}

function draw(data, share, since, until) {
  const svg = d3().select("#timeline");
  svg.selectAll("*").remove();
  const box = svg.node().getBoundingClientRect();
  const width = Math.max(200, box.width), height = Math.max(120, box.height);
  const inner = { w: width - MARGIN.left - MARGIN.right, h: height - MARGIN.top - MARGIN.bottom };
  const note = document.getElementById("timeline-note");
  const extra = [];
  if (data.coarser) extra.push(`${data.coarser} dated less precisely than a ${data.by}`);
  if (data.undated) extra.push(`${data.undated} undated`);
  note.textContent = extra.length ? `(${extra.join(", ")}: not drawn)` : "";
  const bars = data.periods.map((p) => {
    const [start, end] = periodRange(p.period);
    return { ...p, start, end, value: share ? (p.share || 0) : p.events };
  }).filter((p) => share || p.events > 0);
  if (!bars.length) {
    svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2)
      .attr("text-anchor", "middle").text("no dated events");
    return;
  }
  const g = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
  const x = d3().scaleUtc().domain([d3().min(bars, (b) => b.start), d3().max(bars, (b) => b.end)]).range([0, inner.w]);
  const y = d3().scaleLinear().domain([0, d3().max(bars, (b) => b.value) || 1]).nice().range([inner.h, 0]);
  const lo = since ? periodRange(since)[0] : null;
  const hi = until ? periodRange(until)[1] : null;
  g.selectAll("rect").data(bars).join("rect")
    .attr("class", (b) => "timeline-bar" + ((lo && b.end <= lo) || (hi && b.start >= hi) ? " out" : ""))
    .attr("x", (b) => x(b.start)).attr("width", (b) => Math.max(1, x(b.end) - x(b.start) - 1))
    .attr("y", (b) => y(b.value)).attr("height", (b) => inner.h - y(b.value))
    .append("title").text((b) => `${b.period}: ${b.events} events` +
      (b.share !== null && b.share !== undefined
        ? `, ${b.matching_documents} of ${b.documents} documents (${(100 * b.share).toFixed(1)} %)`
        : `; ${b.documents} documents`));
  g.append("g").attr("class", "axis").attr("transform", `translate(0,${inner.h})`)
    .call(d3().axisBottom(x).ticks(Math.min(10, inner.w / 80)));
  g.append("g").attr("class", "axis").call(d3().axisLeft(y).ticks(4, share ? "~%" : "~s"));
  const brush = d3().brushX().extent([[0, 0], [inner.w, inner.h]]).on("end", (event) => {
    if (!event.sourceEvent) return;  // moved by code
    if (!event.selection) { update({ since: null, until: null }); return; }
    const [a, b] = event.selection.map(x.invert);
    update({ since: isoDay(a), until: isoDay(new Date(Math.max(a.getTime(), b.getTime() - DAY))) });
  });
  const area = g.append("g").attr("class", "brush").call(brush);
  if (lo || hi) {
    brush.move(area, [x(lo || x.domain()[0]), x(hi || x.domain()[1])].map((v) => Math.max(0, Math.min(inner.w, v))));
  }
}

export function setup() {
  document.getElementById("by").addEventListener("change", (e) => update({ by: e.target.value }));
  document.getElementById("share").addEventListener("change", (e) => update({ share: e.target.checked ? "1" : null }));
  document.getElementById("dates-clear").addEventListener("click", () => update({ since: null, until: null }));
}
