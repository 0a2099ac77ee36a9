// Copies the files the depeche page serves from the npm packages installed here
// (`npm ci`) into src/depeche/web/static/vendor, with each package's licence, and writes
// vendor/manifest.json (file -> package, version, sha256) that a test checks.
// Run by `make vendor`; the result is committed, so installing depeche needs no npm.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "depeche", "web", "static", "vendor");
const FILES = {
  "d3": { "dist/d3.min.js": "d3.min.js" },
  "leaflet": { "dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css" },
  "leaflet.markercluster": {
    "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
    "dist/MarkerCluster.css": "MarkerCluster.css",
    "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
  },
  "topojson-client": { "dist/topojson-client.min.js": "topojson-client.min.js" },
  // Natural Earth's admin-0 countries at 1:50m as TopoJSON (feature ids: ISO 3166 numeric codes).
  "world-atlas": { "countries-50m.json": "countries-50m.json" },
};
const LICENCES = { "leaflet.markercluster": "MIT-LICENCE.txt" };

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "licences"), { recursive: true });
const manifest = {};
for (const [pkg, files] of Object.entries(FILES)) {
  const root = join(here, "node_modules", pkg);
  const { version, license } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const [from, to] of Object.entries(files)) {
    let text = readFileSync(join(root, from), "utf8");
    // The source maps are not shipped: drop the comment that points at them.
    text = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
    writeFileSync(join(out, to), text);
    manifest[to] = { package: pkg, version, license, sha256: createHash("sha256").update(text).digest("hex") };
  }
  copyFileSync(join(root, LICENCES[pkg] ?? "LICENSE"), join(out, "licences", `${pkg}.txt`));
}
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`vendored ${Object.keys(manifest).length} files into ${out}`);
