// The events table: a page at a time (keyset: the API's ``next`` link), a row opens its document.
import { get, getUrl, show as showError, url } from "./api.js";
import { el, who } from "./dom.js";
import { current, filters, update } from "./state.js";

const PAGE = 50;
let next = null;

function row(e) {
  const sure = el("span", { class: `badge ${e.factuality}`, text: e.factuality });
  const attribution = e.attribution ? ` per ${e.attribution}` : "";
  const where = e.place ? `${e.place}${e.place_country ? ` (${e.place_country})` : ""}` : "";
  const whom = who(e.target, e.target_words);
  const tr = el("tr", { dataset: { doc: e.doc_id, event: e.id }, tabindex: 0 },
    el("td", { class: "date", text: e.date || "" }),
    el("td", { text: e.type + (e.mode ? `/${e.mode}` : "") }),
    el("td", { text: (who(e.source, e.source_words) || "?") + (whom ? ` → ${whom}` : "") }),
    el("td", { text: where }),
    el("td", {}, sure, attribution),
    el("td", { class: "evidence", text: e.text, title: e.sentence || "" }));
  const open = () => update({ open: e.doc_id, event: e.id });
  tr.addEventListener("click", open);
  tr.addEventListener("keydown", (k) => { if (k.key === "Enter") open(); });
  return tr;
}

function append(page) {
  const body = document.querySelector("#events tbody");
  body.append(...page.events.map(row));
  next = page.next;
  document.getElementById("more").hidden = !next;
  mark();
}

export function mark() {
  const params = current();
  for (const tr of document.querySelectorAll("#events tbody tr")) {
    tr.classList.toggle("open", tr.dataset.doc === params.get("open") && tr.dataset.event === params.get("event"));
  }
}

export async function load() {
  const params = filters();
  for (const [id, fmt] of [["export-csv", "csv"], ["export-ndjson", "ndjson"], ["export-geojson", "geojson"]]) {
    document.getElementById(id).href = url(`/export/events.${fmt}`, params);
  }
  document.querySelector("#events tbody").replaceChildren();
  const size = new URLSearchParams(params);
  size.set("size", PAGE);
  const [page, count] = await Promise.all([get("/events", size), get("/events/count", params)]);
  document.getElementById("count").textContent = `${count.events.toLocaleString("fr-FR")} matching`;
  append(page);
}

export function setup() {
  document.getElementById("more").addEventListener("click", async () => {
    if (!next) return;
    try { append(await getUrl(next)); } catch (error) { showError(error); }
  });
}
