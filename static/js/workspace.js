// The photographer's gallery workspace: parallel uploads with progress, a live grid.
// The same code serves both modes: the server hands out each file's upload target.
(() => {
  "use strict";
  const root = document.getElementById("workspace");
  if (!root) return;
  const csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;
  const cfg = root.dataset;
  const maxBytes = Number(cfg.maxBytes);
  const accepted = new Set(cfg.accepted.split(","));
  const PARALLEL = 3;
  const $ = (id) => document.getElementById(id);

  async function api(url, options = {}) {
    const response = await fetch(url, {
      credentials: "same-origin",
      ...options,
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json", Accept: "application/json", ...(options.headers || {}) },
    });
    if (response.status === 204) return null;
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || body.detail || `The server answered ${response.status}.`);
    return body;
  }
  const photoUrl = (id, suffix = "") => cfg.photoUrl.replace("PHOTO", id) + suffix;

  // ---- Uploads -------------------------------------------------------------
  const queue = [];
  const uploads = [];
  let active = 0;
  let startedAt = 0;

  function addFiles(files) {
    if (!files.length) return;
    $("uploads").hidden = false;
    if (!active) startedAt = performance.now();
    for (const file of files) {
      const item = { file, sent: 0, state: "queued", photoId: null, el: uploadRow(file) };
      uploads.push(item);
      const problem = checkFile(file);
      if (problem) fail(item, problem, false);
      else queue.push(item);
    }
    pump();
    summarise();
  }

  function checkFile(file) {
    if (file.size === 0) return `${file.name} is empty.`;
    if (file.size > maxBytes) return `${file.name} is larger than the ${Math.round(maxBytes / 1048576)} MB limit.`;
    const type = file.type || guessType(file.name);
    if (!accepted.has(type)) return `${file.name} is not a photo we accept.`;
    return null;
  }
  function guessType(name) {
    const ext = name.split(".").pop().toLowerCase();
    return { heic: "image/heic", heif: "image/heif", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png",
      webp: "image/webp", tif: "image/tiff", tiff: "image/tiff", gif: "image/gif", bmp: "image/bmp" }[ext] || "";
  }

  function uploadRow(file) {
    const li = document.createElement("li");
    li.className = "upload-item";
    li.innerHTML = `<span class="name"></span><progress max="1" value="0"></progress><span class="state">Queued</span>`;
    li.querySelector(".name").textContent = file.name;
    $("upload-list").appendChild(li);
    return li;
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      const item = queue.shift();
      active += 1;
      upload(item).finally(() => { active -= 1; pump(); summarise(); });
    }
  }

  async function upload(item) {
    setState(item, "uploading", "Starting…");
    try {
      const body = item.photoId
        ? await api(photoUrl(item.photoId, "upload-target/"), { method: "POST" })
        : await api(cfg.uploadsUrl, { method: "POST", body: JSON.stringify({
            filename: item.file.name, size: item.file.size, content_type: item.file.type || guessType(item.file.name) }) });
      item.photoId = body.photo.id;
      await send(item, body.target);
      await api(photoUrl(item.photoId, "uploaded/"), { method: "POST" });
      setState(item, "done", "Uploaded");
      refreshSoon();
    } catch (error) {
      fail(item, error.message, true);
    }
  }

  function send(item, target) {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
      form.append("file", item.file); // S3 wants the file last
      const xhr = new XMLHttpRequest();
      xhr.open("POST", target.url);
      xhr.upload.onprogress = (event) => {
        item.sent = event.loaded;
        item.el.querySelector("progress").value = event.total ? event.loaded / event.total : 0;
        setState(item, "uploading", `${Math.round((100 * event.loaded) / (event.total || 1))}%`);
        summarise();
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) { item.sent = item.file.size; resolve(); return; }
        let message = `Storage refused the file (${xhr.status}).`;
        try { message = JSON.parse(xhr.responseText).error || message; } catch (_) {
          const match = /<Message>(.*?)<\/Message>/.exec(xhr.responseText || "");
          if (match) message = match[1];
        }
        reject(new Error(message));
      };
      xhr.onerror = () => reject(new Error("The connection dropped. Try again."));
      xhr.send(form);
    });
  }

  function setState(item, state, text) {
    item.state = state;
    item.el.className = `upload-item ${state}`;
    item.el.querySelector(".state").textContent = text;
    if (state === "done") item.el.querySelector("progress").value = 1;
  }

  function fail(item, message, retryable) {
    item.sent = 0;
    setState(item, "failed", message);
    item.el.title = message;
    if (retryable && !item.el.querySelector(".retry")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "retry";
      button.textContent = "Retry";
      button.onclick = () => { button.remove(); item.el.querySelector("progress").value = 0; queue.push(item); pump(); summarise(); };
      item.el.appendChild(button);
    }
    summarise();
  }

  function summarise() {
    const total = uploads.reduce((sum, u) => sum + u.file.size, 0);
    const sent = uploads.reduce((sum, u) => sum + (u.state === "done" ? u.file.size : u.sent), 0);
    const count = (state) => uploads.filter((u) => u.state === state).length;
    const done = count("done"), failed = count("failed");
    $("upload-total").value = total ? sent / total : 0;
    $("upload-counts").textContent = `${done} of ${uploads.length} uploaded` + (failed ? `, ${failed} failed` : "");
    const busy = active > 0 || queue.length > 0;
    const elapsed = (performance.now() - startedAt) / 1000;
    if (busy && sent > 0 && elapsed > 1) {
      const left = ((total - sent) * elapsed) / sent;
      $("upload-eta").textContent = `about ${left < 60 ? Math.ceil(left) + " s" : Math.ceil(left / 60) + " min"} left`;
    } else {
      $("upload-eta").textContent = busy ? "" : "All uploads finished";
    }
  }

  window.addEventListener("beforeunload", (event) => {
    if (active > 0 || queue.length > 0) { event.preventDefault(); event.returnValue = ""; }
  });

  const dropzone = $("dropzone");
  $("file-input").addEventListener("change", (event) => { addFiles([...event.target.files]); event.target.value = ""; });
  ["dragenter", "dragover"].forEach((name) => dropzone.addEventListener(name, (event) => {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault(); dropzone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => dropzone.addEventListener(name, () => dropzone.classList.remove("over")));
  dropzone.addEventListener("drop", (event) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault(); addFiles([...event.dataTransfer.files]);
  });

  // ---- Grid ----------------------------------------------------------------
  const grid = $("grid");
  const tiles = new Map();
  let photos = [];
  let cover = cfg.cover;
  let pollTimer = null;

  async function loadPhotos() {
    let url = cfg.photosUrl + "?page_size=200";
    const all = [];
    while (url) {
      const page = await api(url);
      all.push(...page.results);
      url = page.next;
    }
    return sortPhotos(all);
  }

  // The API pages in a stable id order; the grid shows the gallery's chosen order.
  function sortPhotos(list) {
    const by = $("ordering").value;
    const text = (a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
    const compare = {
      manual: (a, b) => a.position - b.position,
      filename: (a, b) => text(a.filename, b.filename),
      captured: (a, b) => text(a.captured_at || "~", b.captured_at || "~") || text(a.filename, b.filename),
    }[by];
    return list.sort(compare);
  }

  async function refreshGrid() {
    clearTimeout(pollTimer);
    try {
      photos = await loadPhotos();
      render();
    } catch (error) {
      $("grid-summary").textContent = `Could not load the photos: ${error.message}`;
    }
    const pending = photos.some((p) => p.status === "processing" || p.status === "uploading");
    pollTimer = setTimeout(refreshGrid, pending || active ? 1500 : 10000);
  }

  // A burst of finished uploads asks for one reload of the list, not one each.
  function refreshSoon() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(refreshGrid, 300);
  }

  function render() {
    const seen = new Set();
    photos.forEach((photo, index) => {
      seen.add(photo.id);
      let tile = tiles.get(photo.id);
      if (!tile) { tile = makeTile(photo.id); tiles.set(photo.id, tile); }
      updateTile(tile, photo);
      if (grid.children[index] !== tile) grid.insertBefore(tile, grid.children[index] || null);
    });
    for (const [id, tile] of tiles) if (!seen.has(id)) { tile.remove(); tiles.delete(id); }
    const counts = photos.reduce((acc, p) => ({ ...acc, [p.status]: (acc[p.status] || 0) + 1 }), {});
    $("grid-summary").textContent = `${photos.length} photo${photos.length === 1 ? "" : "s"}` +
      (counts.processing ? ` · ${counts.processing} processing` : "") +
      (counts.uploading ? ` · ${counts.uploading} uploading` : "") +
      (counts.failed ? ` · ${counts.failed} failed` : "");
  }

  function makeTile(id) {
    const tile = document.createElement("figure");
    tile.className = "tile";
    tile.dataset.photo = id;
    tile.draggable = true;
    tile.innerHTML = `<div class="frame"></div><figcaption class="meta"><span class="name"></span><span class="badge status"></span></figcaption><div class="actions"></div>`;
    tile.addEventListener("dragstart", (event) => { event.dataTransfer.setData("text/x-photo", id); tile.classList.add("dragging"); });
    tile.addEventListener("dragend", () => tile.classList.remove("dragging"));
    tile.addEventListener("dragover", (event) => { if (event.dataTransfer.types.includes("text/x-photo")) { event.preventDefault(); tile.classList.add("drop-target"); } });
    tile.addEventListener("dragleave", () => tile.classList.remove("drop-target"));
    tile.addEventListener("drop", (event) => {
      tile.classList.remove("drop-target");
      const moved = event.dataTransfer.getData("text/x-photo");
      if (!moved || moved === id) return;
      event.preventDefault();
      move(moved, photos.findIndex((p) => p.id === id));
    });
    return tile;
  }

  function updateTile(tile, photo) {
    const signature = [photo.status, photo.thumb_url, photo.hidden, photo.id === cover, photo.error].join("|");
    if (tile.dataset.signature === signature) return;
    tile.dataset.signature = signature;
    tile.dataset.status = photo.status;
    tile.className = `tile ${photo.status}${photo.hidden ? " hidden-photo" : ""}`;
    tile.querySelector(".name").textContent = photo.filename;
    const status = tile.querySelector(".status");
    status.textContent = photo.hidden ? "hidden from clients" : photo.status;
    status.classList.toggle("flag", photo.hidden);
    const frame = tile.querySelector(".frame");
    if (photo.status === "processed" && photo.thumb_url) {
      frame.style.backgroundImage = photo.placeholder ? `url("${photo.placeholder}")` : "";
      frame.innerHTML = "";
      const img = document.createElement("img");
      img.src = photo.thumb_url; img.alt = photo.filename; img.loading = "lazy";
      img.width = photo.thumb_width || 600; img.height = photo.thumb_height || 400;
      frame.appendChild(img);
    } else if (photo.status === "failed") {
      frame.innerHTML = `<div class="state"></div>`;
      frame.querySelector(".state").textContent = photo.error || "Processing failed.";
    } else {
      frame.innerHTML = `<div class="state"><div class="spinner"></div>${photo.status === "uploading" ? "Uploading…" : "Processing…"}</div>`;
    }
    if (photo.id === cover) frame.insertAdjacentHTML("beforeend", `<span class="cover-badge">Cover</span>`);
    const actions = tile.querySelector(".actions");
    actions.innerHTML = "";
    const index = () => photos.findIndex((p) => p.id === photo.id);
    button(actions, "◀", "Move earlier", () => move(photo.id, index() - 1));
    button(actions, "▶", "Move later", () => move(photo.id, index() + 1));
    if (photo.status === "failed") button(actions, "Try again", "Process this photo again", () => act(photoUrl(photo.id, "retry/"), "POST"));
    button(actions, photo.hidden ? "Show" : "Hide", photo.hidden ? "Show to clients" : "Hide from clients",
      () => act(photoUrl(photo.id), "PATCH", { hidden: !photo.hidden }));
    if (photo.status === "processed" && photo.id !== cover) button(actions, "Cover", "Use as the gallery's cover", async () => {
      await act(cfg.galleryUrl, "PATCH", { cover_photo: photo.id }); cover = photo.id; render();
    });
    button(actions, "Delete", "Delete this photo and its files", () => {
      if (confirm(`Delete ${photo.filename}? Its original and proofs are removed for good.`)) act(photoUrl(photo.id), "DELETE");
    });
  }

  function button(parent, label, title, onclick) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.title = title; b.setAttribute("aria-label", title);
    b.onclick = onclick;
    parent.appendChild(b);
  }

  async function act(url, method, body) {
    try {
      await api(url, { method, body: body ? JSON.stringify(body) : undefined });
    } catch (error) {
      alert(error.message);
    }
    refreshGrid();
  }

  async function move(id, to) {
    const from = photos.findIndex((p) => p.id === id);
    if (from < 0 || to < 0 || to >= photos.length || from === to) return;
    const [photo] = photos.splice(from, 1);
    photos.splice(to, 0, photo);
    render();
    $("ordering").value = "manual";
    await act(cfg.reorderUrl, "POST", { photo_ids: photos.map((p) => p.id) });
  }

  $("ordering").addEventListener("change", (event) => {
    sortPhotos(photos);
    render();
    act(cfg.galleryUrl, "PATCH", { ordering: event.target.value });
  });

  refreshGrid();
})();
