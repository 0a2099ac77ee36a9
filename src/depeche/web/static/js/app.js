// The page: filters in the URL drive the map, the timeline, the actor network, the events
// table and the document view, each a module that reloads when the state it reads changes.
import { show as showError } from "./api.js";
import * as doc from "./document.js";
import * as filterForm from "./filters.js";
import * as map from "./map.js";
import * as network from "./network.js";
import * as table from "./table.js";
import * as timeline from "./timeline.js";
import { FILTERS, onChange } from "./state.js";

const VIEWS = [
  [map, FILTERS], [timeline, [...FILTERS, "by", "share"]], [network, FILTERS], [table, FILTERS], [doc, ["open", "event"]],
];
let loading = 0;

async function run(view) {
  loading += 1;
  document.body.dataset.loading = String(loading);
  try {
    await view.load();
  } catch (error) {
    showError(error);
    throw error;
  } finally {
    loading -= 1;
    document.body.dataset.loading = String(loading);
    if (!loading) document.body.dataset.ready = "1";
  }
}

function reload(keys) {
  showError(null);
  filterForm.show();
  table.mark();
  const runs = VIEWS.filter(([, reads]) => keys.some((k) => reads.includes(k))).map(([view]) => run(view));
  return Promise.allSettled(runs);
}

async function start() {
  filterForm.setup();
  table.setup();
  timeline.setup();
  doc.setup();
  await map.setup();
  onChange((keys) => { document.body.dataset.ready = "0"; reload(keys); });
  await reload([...FILTERS, "by", "share", "open", "event"]);
  document.body.dataset.ready = "1";
}

start().catch(showError);
