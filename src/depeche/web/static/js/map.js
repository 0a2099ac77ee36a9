// The map: Natural Earth's countries (world-atlas, served from this app; no tile server),
// shaded by the events placed in each, and the events' places as markers clustered by
// Leaflet.markercluster. A click on a country filters on it; on a place, offers its area.
import { get } from "./api.js";
import { el } from "./dom.js";
import { current, filters, update } from "./state.js";

const L = () => window.L;
const ANTARCTICA = "010";
let map, countryLayer, markers, area = null, byNumeric = new Map(), fitted = false;

function countryStyle(count, max) {
  const t = count ? 0.15 + 0.75 * Math.log1p(count) / Math.log1p(max) : 0;
  return { color: "#9aa5b1", weight: 0.6, fillColor: count ? window.d3.interpolateBlues(t) : "#f4f1ea", fillOpacity: 1 };
}

function placeIcon(count) {
  const size = 18 + Math.min(16, Math.round(4 * Math.log10(1 + count)));
  return L().divIcon({ className: "place-icon", iconSize: [size, size], html: el("span", { text: String(count) }) });
}

function clusterIcon(cluster) {
  const total = cluster.getAllChildMarkers().reduce((n, m) => n + (m.options.events || 0), 0);
  const size = total < 10 ? "small" : total < 100 ? "medium" : "large";
  return L().divIcon({ className: `marker-cluster marker-cluster-${size}`, iconSize: [40, 40],
    html: el("div", {}, el("span", { text: total.toLocaleString("fr-FR") })) });
}

function placePopup(place) {
  const pad = 0.05;
  const area = [place.lon - pad, place.lat - pad, place.lon + pad, place.lat + pad].map((v) => v.toFixed(4)).join(",");
  return el("div", {},
    el("div", { class: "popup-title", text: place.name || "?" }),
    el("div", { text: `${place.country || ""} · ${place.events} events` }),
    el("button", { type: "button", text: "filter to this place", onclick: () => update({ bbox: area }) }));
}

// A polygon that crosses the antimeridian (Russia's far east, Fiji) is drawn on one side of it:
// its western longitudes are moved past 180, so that Leaflet's flat map draws no band across.
function unwrap(feature) {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const polygon of polygons) {
    const crosses = polygon.some((ring) => ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180));
    if (crosses) for (const ring of polygon) for (const p of ring) if (p[0] < 0) p[0] += 360;
  }
  return feature;
}

async function setupCountries() {
  const [topo, list] = await Promise.all([
    fetch("/static/vendor/countries-50m.json").then((r) => r.json()), get("/countries")]);
  for (const c of list) byNumeric.set(String(c.numeric).padStart(3, "0"), c);
  const shapes = window.topojson.feature(topo, topo.objects.countries);
  shapes.features = shapes.features.filter((f) => f.id !== ANTARCTICA).map(unwrap);
  countryLayer = L().geoJSON(shapes, {
    style: () => countryStyle(0, 1),
    onEachFeature: (feature, layer) => {
      const country = byNumeric.get(String(feature.id));
      layer.options.className = "country";
      layer.bindTooltip(() => el("span", { text: `${country ? country.name : feature.properties.name}` +
        (layer.count ? ` · ${layer.count} events` : "") }), { sticky: true });
      layer.on("click", () => {
        if (!country) return;
        update({ place_country: current().get("place_country") === country.iso3 ? null : country.iso3 });
      });
      layer.iso3 = country ? country.iso3 : null;
    },
  }).addTo(map);
}

export async function setup() {
  map = L().map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([30, 10], 2);
  markers = L().markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(markers);
  await setupCountries();
  document.getElementById("map-bbox").addEventListener("click", () => {
    const b = map.getBounds();
    const box = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()),
      Math.min(90, b.getNorth())];
    update({ bbox: box.map((v) => v.toFixed(4)).join(",") });
  });
  document.getElementById("map-clear").addEventListener("click", () => update({ bbox: null }));
}

export async function load() {
  const params = filters();
  const places = new URLSearchParams(params);
  places.set("limit", 1000);
  const shading = new URLSearchParams(params);
  shading.delete("place_country");
  shading.append("dims", "place_country");
  shading.set("limit", 1000);
  const [found, facets] = await Promise.all([get("/places", places), get("/facets", shading)]);
  const counts = facets.place_country || {};
  const max = Math.max(1, ...Object.values(counts));
  const chosen = current().get("place_country");
  countryLayer.eachLayer((layer) => {
    layer.count = counts[layer.iso3] || 0;
    const style = countryStyle(layer.count, max);
    if (chosen && layer.iso3 === chosen) Object.assign(style, { color: "#c92a2a", weight: 2 });
    layer.setStyle(style);
  });
  if (area) { area.remove(); area = null; }
  const box = (current().get("bbox") || "").split(",").map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) {
    area = L().rectangle([[box[1], box[0]], [box[3], box[2]]], { color: "#c92a2a", weight: 1.5, fill: false,
      interactive: false }).addTo(map);
  }
  markers.clearLayers();
  const layers = found.filter((p) => p.lat !== null && p.lon !== null).map((p) =>
    L().marker([p.lat, p.lon], { icon: placeIcon(p.events), events: p.events, title: p.name || "" })
      .bindPopup(() => placePopup(p)));
  markers.addLayers(layers);
  if (!fitted && layers.length) {
    map.fitBounds(L().latLngBounds(layers.map((m) => m.getLatLng())).pad(0.3), { maxZoom: 6 });
    fitted = true;
  }
}
