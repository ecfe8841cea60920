// Parallel uploads with progress: the server hands out each file's upload target (a
// presigned POST to S3, or the same form to this site in local mode).
import { fromTemplate, photoUrl, request } from "../request.js";
import { askOnce, fileDigest, findDuplicates } from "./duplicates.js";

const PARALLEL = 3;
const $ = (id) => document.getElementById(id);
const humanSize = (bytes) =>
  bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.ceil(bytes / 1024)} kB`;

export function startUploads({ config, uploadSet, onUploaded }) {
  const maxBytes = Number(config.maxBytes);
  const accepted = new Set(config.accept.split(","));
  const typeOfExtension = JSON.parse(config.acceptedExtensions);
  const queue = [];
  const uploads = [];
  let active = 0;
  let checking = 0;
  let startedAt = 0;

  const busy = () => active > 0 || queue.length > 0 || checking > 0;
  // Browsers give some files no type (HEIC on most systems): the server's table says it.
  const typeOf = (file) => {
    const dot = file.name.lastIndexOf(".");
    return file.type || (dot >= 0 && typeOfExtension[file.name.slice(dot).toLowerCase()]) || "";
  };

  async function addFiles(files) {
    if (!files.length) return;
    $("uploads").hidden = false;
    if (!active) startedAt = performance.now();
    const earlier = uploads.filter((u) => !["failed", "skipped"].includes(u.state));
    const batch = [];
    for (const file of files) {
      const item = {
        file,
        set: uploadSet(), // the set chosen when the file was added
        sent: 0,
        state: "queued",
        photoId: null,
        el: uploadRow(file),
      };
      uploads.push(item);
      const problem = checkFile(file);
      if (problem) fail(item, problem, false);
      else batch.push(item);
    }
    summarise();
    if (!batch.length) return;
    checking += 1;
    try {
      await checkDuplicates(batch, earlier);
    } catch (error) {
      // Without the check the files still go up: a duplicate is better than a lost photo.
      for (const item of batch) if (item.state === "queued") setState(item, "queued", "Queued");
      console.warn("The duplicate check failed:", error.message);
    } finally {
      checking -= 1;
    }
    for (const item of batch) if (item.state === "queued") queue.push(item);
    pump();
    summarise();
  }

  // The same photo uploaded twice is noticed before it goes up; one choice for the batch.
  async function checkDuplicates(batch, earlier) {
    for (const item of batch) {
      setState(item, "queued", "Checking…");
      item.sha256 = await fileDigest(item.file);
    }
    const found = await findDuplicates({ url: config.duplicatesUrl, items: batch, earlier });
    const repeated = batch.filter((_, index) => found[index]);
    batch.forEach((item) => setState(item, "queued", "Queued"));
    if (!repeated.length) return;
    const choice = await askOnce({
      container: $("uploads"),
      before: $("upload-list"),
      count: repeated.length,
    });
    batch.forEach((item, index) => {
      const match = found[index];
      if (!match) return;
      const what = `${match.reason} as ${match.filename}`;
      if (choice === "keep") return;
      if (choice === "replace" && match.photoId) {
        item.replaces = match.photoId;
        setState(item, "queued", `Queued to replace ${match.filename}`);
        return;
      }
      setState(item, "skipped", `Skipped: already here (${what})`);
    });
  }

  function checkFile(file) {
    if (file.size === 0) return `${file.name} is empty.`;
    if (file.size > maxBytes) {
      return `${file.name} is ${humanSize(file.size)}, over the ${humanSize(maxBytes)} limit.`;
    }
    if (!accepted.has(typeOf(file))) {
      return `${file.name} is not a photo we accept (${typeOf(file) || "unknown type"}).`;
    }
    return null;
  }

  function uploadRow(file) {
    const row = fromTemplate("upload-row");
    row.querySelector(".name").textContent = file.name;
    $("upload-list").append(row);
    return row;
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      const item = queue.shift();
      active += 1;
      upload(item).finally(() => {
        active -= 1;
        pump();
        summarise();
      });
    }
  }

  async function upload(item) {
    setState(item, "uploading", "Starting…");
    try {
      const { file } = item;
      const body = item.photoId
        ? await request(photoUrl(config.photoUrl, item.photoId) + "upload-target/", {
            method: "POST",
          }).catch(permanentIf([400, 404]))
        : await request(config.uploadsUrl, {
            method: "POST",
            body: {
              filename: file.name,
              size: file.size,
              content_type: typeOf(file),
              set: item.set,
              ...(item.sha256 ? { sha256: item.sha256 } : {}),
              ...(item.replaces ? { replaces: item.replaces } : {}),
            },
          }).catch(permanentIf([400, 404]));
      item.photoId = body.photo.id;
      await send(item, body.target);
      // 422: the file arrived but is not what was announced; the server has removed it.
      await request(photoUrl(config.photoUrl, item.photoId) + "uploaded/", {
        method: "POST",
      }).catch(permanentIf([404, 422]));
      setState(item, "done", item.replaces ? "Uploaded, replacing the earlier one" : "Uploaded");
      onUploaded();
    } catch (error) {
      if (error.permanent) await abandon(item);
      fail(item, error.message, !error.permanent);
    }
  }

  const permanentIf = (statuses) => (error) => {
    error.permanent = statuses.includes(error.status);
    throw error;
  };

  // A permanent refusal leaves no photo behind (the local endpoint has removed it already).
  async function abandon(item) {
    if (!item.photoId) return;
    const url = photoUrl(config.photoUrl, item.photoId) + "abandon/";
    item.photoId = null;
    await request(url, { method: "POST" }).catch(() => null);
    onUploaded();
  }

  // XMLHttpRequest rather than fetch: it reports the upload's progress.
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
        if (xhr.status >= 200 && xhr.status < 300) {
          item.sent = item.file.size;
          resolve();
          return;
        }
        reject(storageRefusal(xhr, item.file));
      };
      xhr.onerror = () => reject(new Error("The connection dropped. Try again."));
      xhr.send(form);
    });
  }

  // S3 refuses in XML (<Code>, <Message>); local mode's stand-in in this site's JSON
  // ({message, retry}). A refusal of the file itself is permanent: no retry can help.
  function storageRefusal(xhr, file) {
    const text = xhr.responseText || "";
    const error = new Error(`Storage refused the file (${xhr.status}).`);
    error.permanent = false;
    try {
      const { message, retry } = JSON.parse(text);
      if (message) error.message = message;
      error.permanent = retry === false;
    } catch {
      const code = /<Code>(.*?)<\/Code>/.exec(text)?.[1] ?? "";
      const message = /<Message>(.*?)<\/Message>/.exec(text)?.[1] ?? "";
      if (message) error.message = message;
      if (code === "EntityTooLarge" || code === "EntityTooSmall") {
        error.message = `${file.name} is not the size it had when chosen, or is over the limit.`;
        error.permanent = true;
      } else if (code === "AccessDenied" && /Policy Condition failed/i.test(message)) {
        error.message = `${file.name} was refused by storage: ${message}`;
        error.permanent = true;
      }
    }
    return error;
  }

  function setState(item, state, text) {
    item.state = state;
    item.el.className = `upload-item ${state}`;
    item.el.querySelector(".state").textContent = text;
    if (state === "done") item.el.querySelector("progress").value = 1;
  }

  function fail(item, message, retryable) {
    item.sent = 0;
    item.el.querySelector("progress").value = 0;
    setState(item, "failed", message);
    item.el.title = message;
    if (retryable && !item.el.querySelector(".retry")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "retry";
      button.textContent = "Retry";
      button.setAttribute("aria-label", `Retry ${item.file.name}`);
      button.addEventListener("click", () => {
        button.remove();
        item.el.querySelector("progress").value = 0;
        queue.push(item);
        pump();
        summarise();
      });
      item.el.append(button);
    }
    summarise();
  }

  function summarise() {
    // Files refused or skipped are not part of what is to be sent.
    const counted = uploads.filter((u) => !["skipped", "failed"].includes(u.state));
    const total = counted.reduce((sum, u) => sum + u.file.size, 0);
    const sent = counted.reduce((sum, u) => sum + (u.state === "done" ? u.file.size : u.sent), 0);
    const count = (state) => uploads.filter((u) => u.state === state).length;
    const done = count("done");
    const failed = count("failed");
    const skipped = count("skipped");
    $("upload-total").value = total ? sent / total : 0;
    $("upload-counts").textContent =
      `${done} of ${uploads.length} uploaded` +
      (skipped ? `, ${skipped} skipped` : "") +
      (failed ? `, ${failed} failed` : "");
    const elapsed = (performance.now() - startedAt) / 1000;
    if (busy() && sent > 0 && elapsed > 1) {
      const left = ((total - sent) * elapsed) / sent;
      const time = left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`;
      $("upload-eta").textContent = `about ${time} left`;
    } else {
      $("upload-eta").textContent = busy() ? "" : "All uploads finished";
    }
  }

  window.addEventListener("beforeunload", (event) => {
    if (busy()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  const dropzone = $("dropzone");
  $("file-input").addEventListener("change", (event) => {
    addFiles([...event.target.files]);
    event.target.value = "";
  });
  for (const name of ["dragenter", "dragover"]) {
    dropzone.addEventListener(name, (event) => {
      if (!event.dataTransfer.types.includes("Files")) return;
      event.preventDefault();
      dropzone.classList.add("over");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    dropzone.addEventListener(name, () => dropzone.classList.remove("over"));
  }
  dropzone.addEventListener("drop", (event) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    addFiles([...event.dataTransfer.files]);
  });

  return { busy };
}
