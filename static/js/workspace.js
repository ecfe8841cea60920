// The photographer's gallery workspace: parallel uploads with progress, a live grid, the
// gallery's sets and publishing. The same code serves both modes: the server hands out
// each file's upload target.
import { startGrid } from "./workspace/grid.js";
import { startPublish } from "./workspace/publish.js";
import { startSets } from "./workspace/sets.js";
import { startUploads } from "./workspace/uploads.js";
import { startRenderProgress } from "./workspace/rerender.js";

const root = document.getElementById("workspace");
if (root) {
  const config = root.dataset;
  let uploads = null;
  let grid = null;
  const sets = startSets({
    config,
    onFilter: () => grid?.render(),
    onChanged: () => grid?.refresh(),
  });
  const publish = startPublish({ config, onPublished: () => grid?.refresh() });
  grid = startGrid({
    config,
    sets,
    busy: () => uploads?.busy() ?? false,
    onPhotos: (photos) => {
      sets.countPhotos(photos);
      publish.update(photos);
    },
  });
  uploads = startUploads({
    config,
    uploadSet: () => sets.uploadSet(),
    onUploaded: () => grid.refreshSoon(),
  });
  startRenderProgress({ config });
}
