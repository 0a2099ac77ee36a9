// The actor network: who acts on whom among the matching events (the API's actor pairs),
// laid out by d3-force; a click on an actor filters on it. GEXF and GraphML exports alongside.
import { get, url } from "./api.js";
import { filters, update } from "./state.js";

const d3 = () => window.d3;
const PAIRS = 60;
let simulation = null;

function key(name, country, sector) {
  return `${name || "?"}|${country || ""}|${sector || ""}`;
}

export function graph(pairs) {
  const nodes = new Map();
  const links = [];
  const node = (name, country, sector, events) => {
    const id = key(name, country, sector);
    if (!nodes.has(id)) {
      const code = (country || "") + (sector || "");
      nodes.set(id, { id, name: name || "?", label: (name || "?") + (code ? ` (${code})` : ""), events: 0 });
    }
    nodes.get(id).events += events;
    return id;
  };
  for (const p of pairs) {
    links.push({ source: node(p.name, p.country, p.sector, p.events),
      target: node(p.target_name, p.target_country, p.target_sector, p.events), events: p.events });
  }
  return { nodes: [...nodes.values()], links };
}

export async function load() {
  const params = filters();
  document.getElementById("gexf").href = url("/actor-pairs.gexf", params);
  document.getElementById("graphml").href = url("/actor-pairs.graphml", params);
  const query = new URLSearchParams(params);
  query.set("limit", PAIRS);
  draw(graph(await get("/actor-pairs", query)));
}

function draw({ nodes, links }) {
  if (simulation) simulation.stop();
  const svg = d3().select("#network");
  svg.selectAll("*").remove();
  const box = svg.node().getBoundingClientRect();
  const width = Math.max(200, box.width), height = Math.max(200, box.height);
  if (!nodes.length) {
    svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2)
      .attr("text-anchor", "middle").text("no pair of coded actors");
    return;
  }
  const most = d3().max(links, (l) => l.events) || 1;
  const radius = d3().scaleSqrt().domain([0, d3().max(nodes, (n) => n.events) || 1]).range([4, 16]);
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8").attr("refX", 8)
    .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
    .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#8a96a3");
  const link = svg.append("g").selectAll("line").data(links).join("line").attr("class", "link")
    .attr("stroke-width", (l) => 1 + 4 * l.events / most).attr("marker-end", "url(#arrow)");
  link.append("title").text((l) => `${l.events} events`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
  node.append("circle").attr("r", (n) => radius(n.events))
    .on("click", (event, n) => update({ actor: n.name }));
  node.append("title").text((n) => `${n.label}: ${n.events} events`);
  node.append("text").attr("dx", (n) => radius(n.events) + 3).attr("dy", "0.35em").text((n) => n.label);
  node.call(d3().drag()
    .on("start", (event, n) => { if (!event.active) simulation.alphaTarget(0.3).restart(); n.fx = n.x; n.fy = n.y; })
    .on("drag", (event, n) => { n.fx = event.x; n.fy = event.y; })
    .on("end", (event, n) => { if (!event.active) simulation.alphaTarget(0); n.fx = null; n.fy = null; }));
  simulation = d3().forceSimulation(nodes)
    .force("link", d3().forceLink(links).id((n) => n.id).distance(110))
    .force("charge", d3().forceManyBody().strength(-420))
    .force("center", d3().forceCenter(width / 2, height / 2))
    .force("collide", d3().forceCollide().radius((n) => radius(n.events) + 4))
    .on("tick", () => {
      for (const n of nodes) {
        n.x = Math.max(10, Math.min(width - 10, n.x));
        n.y = Math.max(10, Math.min(height - 10, n.y));
      }
      link.attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
        .attr("x2", (l) => l.target.x - (l.target.x - l.source.x) * radius(l.target.events) / (Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y) || 1))
        .attr("y2", (l) => l.target.y - (l.target.y - l.source.y) * radius(l.target.events) / (Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y) || 1));
      node.attr("transform", (n) => `translate(${n.x},${n.y})`);
    });
}
