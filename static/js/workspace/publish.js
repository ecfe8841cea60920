// What clients see of the gallery: a new gallery is a draft until its first publish, and
// photos uploaded later are held back until the photographer publishes them.
import { request } from "../request.js";

const $ = (id) => document.getElementById(id);
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function startPublish({ config, onPublished }) {
  let draft = config.draft === "1";
  let waiting = 0;

  // The server's rule (gallery.selectors.unpublished_count): uploaded and not published.
  function update(photos) {
    waiting = photos.filter((photo) => !photo.published && photo.status !== "uploading").length;
    const bar = $("publish-bar");
    const button = $("publish-button");
    if (draft) {
      bar.hidden = false;
      $("publish-text").textContent =
        "This gallery is a draft: clients who open its links see “not ready yet”.";
      button.textContent = waiting
        ? `Publish the gallery (${plural(waiting, "photo")})`
        : "Publish the gallery";
    } else {
      bar.hidden = waiting === 0;
      $("publish-text").textContent =
        `${plural(waiting, "new photo")} ${waiting === 1 ? "is" : "are"} held back from clients.`;
      button.textContent = `Publish ${plural(waiting, "new photo")}`;
    }
  }

  $("publish-button").addEventListener("click", async () => {
    const button = $("publish-button");
    button.disabled = true;
    try {
      await request(config.publishUrl, { method: "POST" });
      draft = false;
      onPublished();
    } catch (error) {
      window.alert(error.message);
    } finally {
      button.disabled = false;
    }
  });

  return { update };
}
