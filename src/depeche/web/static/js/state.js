// The view's state lives in the URL: a link reproduces the view. Filter keys go to the API
// as they are; view keys (the open document, the timeline's period) stay in the page.
export const FILTERS = ["type", "factuality", "actor", "country", "place_country", "text", "since", "until", "mode",
  "sector", "attribution", "bbox", "doc"];
export const VIEW = ["open", "event", "by", "share"];

export function current() {
  return new URLSearchParams(window.location.search);
}

export function filters(params = current()) {
  const out = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

const listeners = [];
export function onChange(listener) { listeners.push(listener); }

// Set (or, with null/"", remove) keys of the state; a new history entry unless ``replace``.
export function update(patch, { replace = false } = {}) {
  const params = current();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  const url = window.location.pathname + (query ? "?" + query : "");
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  notify(Object.keys(patch));
}

export function notify(keys) {
  for (const listener of listeners) listener(keys);
}

window.addEventListener("popstate", () => notify([...FILTERS, ...VIEW]));
