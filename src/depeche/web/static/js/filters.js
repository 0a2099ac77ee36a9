// The filter form, kept in step with the URL; active filters shown as removable chips.
import { FILTERS, current, update } from "./state.js";
import { el } from "./dom.js";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "REJECT",
  "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const FACTUALITY = ["asserted", "reported", "planned", "hypothetical", "feared", "negated"];
const LABELS = { place_country: "place country", country: "actor country", sector: "actor sector", text: "words",
  doc: "document", bbox: "area" };

export function setup() {
  const form = document.getElementById("filters");
  for (const t of TYPES) form.elements.type.append(el("option", { value: t, text: t }));
  for (const f of FACTUALITY) form.elements.factuality.append(el("option", { value: f, text: f }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const patch = {};
    for (const key of FILTERS) {
      const field = form.elements[key];
      if (field) patch[key] = field.value.trim();
    }
    update(patch);
  });
  document.getElementById("reset").addEventListener("click", () => {
    update(Object.fromEntries([...FILTERS, "open", "event"].map((k) => [k, null])));
  });
  show();
}

export function show() {
  const params = current();
  const form = document.getElementById("filters");
  for (const key of FILTERS) {
    const field = form.elements[key];
    if (field) field.value = params.get(key) || "";
  }
  const active = document.getElementById("active");
  active.replaceChildren();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (!value) continue;
    active.append(el("span", { class: "chip" }, `${LABELS[key] || key}: ${value}`,
      el("button", { type: "button", title: "remove", "aria-label": `remove ${key}`, text: "×",
        onclick: () => update({ [key]: null }) })));
  }
}
