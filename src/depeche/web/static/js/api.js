// Calls to the JSON API; an error answer ({"error": {code, input, reason}}) is shown, not thrown away.
const problem = () => document.getElementById("problem");

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.reason || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.input = body?.error?.input;
  }
}

export function url(path, params) {
  const query = params ? params.toString() : "";
  return "/api/v1" + path + (query ? "?" + query : "");
}

export async function get(path, params) {
  return getUrl(url(path, params));
}

export async function getUrl(address) {
  const response = await fetch(address, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function show(error) {
  const p = problem();
  if (!error) { p.hidden = true; p.textContent = ""; return; }
  p.hidden = false;
  p.textContent = error instanceof ApiError
    ? `${error.input ? error.input + ": " : ""}${error.message} (${error.code})` : String(error.message || error);
}
