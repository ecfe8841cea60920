// The photographer's gallery workspace: parallel uploads with progress, a live grid.
// The same code serves both modes: the server hands out each file's upload target.
import { startGrid } from "./workspace/grid.js";
import { startUploads } from "./workspace/uploads.js";
import { startRenderProgress } from "./workspace/rerender.js";

const root = document.getElementById("workspace");
if (root) {
  const config = root.dataset;
  let uploads = null;
  const grid = startGrid({ config, busy: () => uploads?.busy() ?? false });
  uploads = startUploads({ config, onUploaded: () => grid.refreshSoon() });
  startRenderProgress({ config });
}
