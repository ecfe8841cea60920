// The photographer's own viewer: the watermarked proofs as the client sees them, in the
// grid's order, with each photo's record (camera, lens, exposure, capture time, sizes, status).
import { formatBytes, formatExposure } from "../format.js";
import { createViewer } from "../viewer.js";

const previewable = (photo) => photo.status === "processed" && Boolean(photo.proof_url);

export const canPreview = previewable;

export async function openPreview({ moduleUrl, photos, id, thumbOf }) {
  const shown = photos.filter(previewable);
  const viewer = await createViewer(moduleUrl, {
    label: "Preview: the proofs as your clients see them",
    dataSource: shown.map((photo) => ({
      id: photo.id,
      src: photo.proof_url,
      msrc: photo.thumb_url,
      width: photo.width,
      height: photo.height,
      alt: photo.filename,
      element: thumbOf(photo.id),
    })),
    openAt: id,
    paddingFn: (viewport) =>
      viewport.x < 700
        ? { top: 50, bottom: 120, left: 0, right: 0 }
        : { top: 56, bottom: 96, left: 64, right: 64 },
  });
  let record = null;
  const render = () => {
    const photo = shown[viewer.currIndex];
    if (record && photo) record.replaceChildren(recordList(photo));
  };
  viewer.on("uiRegister", () => {
    viewer.ui.registerElement({
      name: "photo-record",
      appendTo: "root",
      className: "photo-record pswp__hide-on-close",
      onInit: (element) => {
        record = element;
        element.setAttribute("aria-live", "polite");
        render();
      },
    });
  });
  viewer.on("change", render);
  viewer.init();
  return viewer;
}

function recordList(photo) {
  const { camera = {}, original = {} } = photo;
  const rows = [
    ["File", photo.filename],
    ["Status", photo.hidden ? "Processed, hidden from clients" : "Processed"],
    ["Captured", photo.captured_at ? photo.captured_at.replace("T", " ") : "No capture time"],
    ["Camera", camera.camera],
    ["Lens", camera.lens],
    ["Exposure", formatExposure(camera.exposure)],
    [
      "Original",
      [
        original.width && `${original.width} × ${original.height}`,
        original.format,
        formatBytes(original.bytes),
      ]
        .filter(Boolean)
        .join(", "),
    ],
    ["Proof", photo.width ? `${photo.width} × ${photo.height}` : ""],
  ];
  const list = document.createElement("dl");
  for (const [term, value] of rows) {
    if (!value) continue;
    const row = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    row.append(dt, dd);
    list.append(row);
  }
  return list;
}
