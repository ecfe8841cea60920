// After a watermark change: "Re-rendering 12 of 40" until every proof is rendered again.
import { request } from "../request.js";

const EVERY_MS = 1500;

export function startRenderProgress({ config }) {
  const line = document.getElementById("render-progress");
  if (!line || !config.renderProgressUrl) return;
  let seenWork = false;

  async function look() {
    let progress;
    try {
      progress = await request(config.renderProgressUrl);
    } catch {
      setTimeout(look, EVERY_MS * 4); // a passing failure: try again, less often
      return;
    }
    const { done, total } = progress;
    if (done < total) {
      seenWork = true;
      line.hidden = false;
      line.textContent = `Re-rendering ${done} of ${total}`;
      setTimeout(look, EVERY_MS);
    } else if (seenWork) {
      line.textContent = `All ${total} proofs re-rendered`;
    }
  }

  look();
}
