// The document view: the stored text with its entities, places, times, quotes, event triggers
// and attributions highlighted, and each event with its factuality, attribution and evidence,
// and, once the record is linked, the real-world event it reports ("1 event, 7 reports, 3 independent").
// The text is cut at every span boundary and each piece goes in as text (textContent): a
// document's words are never read as HTML.
import { get } from "./api.js";
import { el, who } from "./dom.js";
import { current, update } from "./state.js";

export function spans(doc) {
  const out = [];
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  for (const e of doc.entities) {
    const code = (e.country || "") + (e.sector || "");
    for (const m of e.mentions) out.push({ start: m.start, end: m.end, kind: "ent", title: `${e.type} ${e.name}${code ? ` (${code})` : ""}` });
  }
  for (const p of doc.places) {
    for (const m of p.mentions) out.push({ start: m.start, end: m.end, kind: "place", title: `place ${p.name}${p.country ? ` (${p.country})` : ""}` });
  }
  for (const t of doc.times) {
    if (!t.dct || t.end > t.start) out.push({ start: t.start, end: t.end, kind: "time", title: `${t.type} ${t.value}` });
  }
  for (const q of doc.quotes) out.push({ start: q.start, end: q.end, kind: "quote", title: `quote${q.speaker ? ` of ${entities.get(q.speaker)?.name || q.speaker}` : ""}` });
  for (const ev of doc.events) {
    out.push({ start: ev.start, end: ev.end, kind: "trigger", title: `${ev.type} (${ev.factuality})`, event: ev.id });
    for (const m of ev.mentions) out.push({ start: m.start, end: m.end, kind: "trigger", title: `${ev.type}, again`, event: ev.id });
    const a = ev.attribution;
    if (a && a.start !== null && a.start !== undefined) out.push({ start: a.start, end: a.end, kind: "attrib", title: `attribution: ${a.text}`, event: ev.id });
  }
  return out.filter((s) => s.end > s.start);
}

// The text as pieces between span boundaries, each with the spans that cover it.
export function pieces(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const s of marks) { cuts.add(Math.max(0, Math.min(text.length, s.start))); cuts.add(Math.max(0, Math.min(text.length, s.end))); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    out.push({ start: a, end: b, text: text.slice(a, b), marks: marks.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

function renderText(doc, chosen) {
  const box = document.getElementById("doc-text");
  box.replaceChildren();
  for (const piece of pieces(doc.text, spans(doc))) {
    if (!piece.marks.length) { box.append(document.createTextNode(piece.text)); continue; }
    const kinds = [...new Set(piece.marks.map((m) => m.kind))];
    const events = [...new Set(piece.marks.filter((m) => m.event).map((m) => m.event))];
    const mark = el("mark", { class: kinds.join(" ") + (chosen && events.includes(chosen) ? " current" : ""),
      title: piece.marks.map((m) => m.title).join("\n"), text: piece.text });
    if (events.length) mark.dataset.events = events.join(" ");
    box.append(mark);
  }
}

function sentenceOf(doc, ev) {
  const s = doc.sentences.find((x) => x.start <= ev.start && ev.start < x.end);
  return s ? [s.start, s.end] : [ev.start, ev.end];
}

function evidence(doc, ev) {
  const [a, b] = sentenceOf(doc, ev);
  return el("p", { class: "evidence" }, "« ", doc.text.slice(a, ev.start),
    el("mark", { class: "trigger", text: doc.text.slice(ev.start, ev.end) }), doc.text.slice(ev.end, b), " »");
}

function eventItem(doc, ev, chosen, linked) {
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  const actors = (ids) => ids.map((id) => entities.get(id)).filter(Boolean);
  const place = doc.places.find((p) => p.id === ev.place);
  const time = doc.times.find((t) => t.id === ev.time);
  const a = ev.attribution;
  const rows = [
    ["factuality", el("span", { class: `badge ${ev.factuality}`, text: ev.factuality }),
      ev.cues.length ? ` (cues: ${ev.cues.join(", ")})` : ""],
    ["attribution", a ? a.text + (a.entity && entities.get(a.entity) ? ` → ${entities.get(a.entity).name}` : "") : "none (the dispatch's own)"],
    ["source", who(actors(ev.source), ev.source_spans.map((m) => m.text)) || "?"],
    ["target", who(actors(ev.target), ev.target_spans.map((m) => m.text)) || "—"],
    ["where", place ? `${place.name}${place.country ? ` (${place.country})` : ""}` : "—"],
    ["when", time ? `${time.text} = ${time.resolved || time.value}` : "—"],
  ];
  const real = linked[ev.id];
  if (real) rows.push(["reports", el("span", { class: "linked", title: real.id, text: real.summary })]);
  const item = el("li", { class: ev.id === chosen ? "current" : "", dataset: { event: ev.id } },
    el("strong", { text: ev.type + (ev.mode ? `/${ev.mode}` : "") }), ` «${ev.text}»`,
    el("dl", {}, rows.flatMap(([k, ...v]) => [el("dt", { text: k }), el("dd", {}, ...v)])),
    evidence(doc, ev));
  item.addEventListener("click", () => update({ event: ev.id }, { replace: true }));
  return item;
}

export async function load() {
  const params = current();
  const panel = document.getElementById("document");
  const id = params.get("open");
  if (!id) { panel.hidden = true; return; }
  const [doc, linked] = await Promise.all([get(`/documents/${encodeURIComponent(id)}`), get(`/documents/${encodeURIComponent(id)}/linked`)]);
  const chosen = params.get("event");
  panel.hidden = false;
  document.getElementById("doc-title").textContent = `${doc.source}${doc.dct ? ` · ${doc.dct.value}` : ""}`;
  renderText(doc, chosen);
  document.getElementById("doc-events").replaceChildren(...doc.events.map((ev) => eventItem(doc, ev, chosen, linked)));
  const target = document.querySelector("#doc-text mark.current");
  if (target) target.scrollIntoView({ block: "center" });
}

export function setup() {
  document.getElementById("doc-close").addEventListener("click", () => update({ open: null, event: null }));
  document.addEventListener("keydown", (k) => {
    if (k.key === "Escape" && current().get("open")) update({ open: null, event: null });
  });
}
