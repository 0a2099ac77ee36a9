// Building elements: text always goes in as text (textContent), never as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function actorLabel(a) {
  const code = (a.country || "") + (a.sector || "");
  return (a.name || a.entity) + (code ? ` (${code})` : "");
}

export function who(actors, words) {
  if (actors && actors.length) return actors.map(actorLabel).join(", ");
  return (words || []).map((w) => `«${w}»`).join(", ");
}
