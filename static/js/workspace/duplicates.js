// Duplicates, noticed before any byte moves: each new file's SHA-256 (where the browser can
// compute one) and its name and size are compared with the gallery's photos (the server's
// answer) and with the files already in this page's uploads. The photographer chooses once
// for the batch: skip them, keep both, or replace the earlier photos.
import { request } from "../request.js";

const CHOICES = [
  ["skip", "Skip them"],
  ["keep", "Keep both"],
  ["replace", "Replace the earlier ones"],
];

/** The file's SHA-256 in hex, or "" where the page has no Web Crypto (plain HTTP). */
export async function fileDigest(file) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return "";
  const digest = await subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * For each item ({file, sha256}), what it repeats: {photoId, filename, reason} for a photo
 * of the gallery, {earlier: true, filename, reason} for a file earlier in this page's
 * uploads or batch, or null.
 */
export async function findDuplicates({ url, items, earlier }) {
  const files = items.map(({ file, sha256 }) => ({
    filename: file.name,
    size: file.size,
    ...(sha256 ? { sha256 } : {}),
  }));
  const { duplicates } = await request(url, { method: "POST", body: { files } });
  const inGallery = new Map(duplicates.map((found) => [found.index, found]));
  const seen = [...earlier];
  return items.map((item, index) => {
    const match = sameFile(item, seen);
    seen.push(item);
    if (inGallery.has(index)) {
      const { photo, filename, reason } = inGallery.get(index);
      return { photoId: photo, filename, reason };
    }
    return match ? { earlier: true, filename: match.file.name, reason: match.reason } : null;
  });
}

function sameFile(item, others) {
  for (const other of others) {
    if (item.sha256 && other.sha256 === item.sha256) return { ...other, reason: "same content" };
    if (other.file.name === item.file.name && other.file.size === item.file.size) {
      return { ...other, reason: "same name and size" };
    }
  }
  return null;
}

/** Asks once for the batch; resolves to "skip", "keep" or "replace". */
export function askOnce({ container, before, count }) {
  return new Promise((resolve) => {
    const panel = document.createElement("div");
    panel.className = "duplicates-prompt";
    panel.setAttribute("role", "group");
    panel.id = "duplicates-prompt";
    const text = document.createElement("p");
    text.id = "duplicates-question";
    text.textContent =
      count === 1
        ? "1 of these files is already in this gallery. What should happen to it?"
        : `${count} of these files are already in this gallery. What should happen to them?`;
    panel.setAttribute("aria-labelledby", text.id);
    const row = document.createElement("div");
    row.className = "row";
    for (const [value, label] of CHOICES) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.choice = value;
      button.textContent = label;
      button.addEventListener("click", () => {
        panel.remove();
        resolve(value);
      });
      row.append(button);
    }
    panel.append(text, row);
    container.insertBefore(panel, before);
    row.firstElementChild.focus();
  });
}
