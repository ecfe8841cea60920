// Parallel uploads with progress: the server hands out each file's upload target (a
// presigned POST to S3, or the same form to this site in local mode).
import { fromTemplate, photoUrl, request } from "../request.js";

const PARALLEL = 3;
const $ = (id) => document.getElementById(id);

export function startUploads({ config, uploadSet, onUploaded }) {
  const maxBytes = Number(config.maxBytes);
  const accepted = new Set(config.accept.split(","));
  const typeOfExtension = JSON.parse(config.acceptedExtensions);
  const queue = [];
  const uploads = [];
  let active = 0;
  let startedAt = 0;

  const busy = () => active > 0 || queue.length > 0;
  // Browsers give some files no type (HEIC on most systems): the server's table says it.
  const typeOf = (file) => {
    const dot = file.name.lastIndexOf(".");
    return file.type || (dot >= 0 && typeOfExtension[file.name.slice(dot).toLowerCase()]) || "";
  };

  function addFiles(files) {
    if (!files.length) return;
    $("uploads").hidden = false;
    if (!active) startedAt = performance.now();
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
      else queue.push(item);
    }
    pump();
    summarise();
  }

  function checkFile(file) {
    if (file.size === 0) return `${file.name} is empty.`;
    if (file.size > maxBytes) {
      return `${file.name} is larger than the ${Math.round(maxBytes / 1048576)} MB limit.`;
    }
    if (!accepted.has(typeOf(file))) return `${file.name} is not a photo we accept.`;
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
          })
        : await request(config.uploadsUrl, {
            method: "POST",
            body: {
              filename: file.name,
              size: file.size,
              content_type: typeOf(file),
              set: item.set,
            },
          });
      item.photoId = body.photo.id;
      await send(item, body.target);
      await request(photoUrl(config.photoUrl, item.photoId) + "uploaded/", { method: "POST" });
      setState(item, "done", "Uploaded");
      onUploaded();
    } catch (error) {
      fail(item, error.message, true);
    }
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
        reject(new Error(storageRefusal(xhr)));
      };
      xhr.onerror = () => reject(new Error("The connection dropped. Try again."));
      xhr.send(form);
    });
  }

  // S3 refuses in XML (<Message>); local mode's stand-in in this site's JSON ({message}).
  function storageRefusal(xhr) {
    const text = xhr.responseText || "";
    try {
      const { message } = JSON.parse(text);
      if (message) return message;
    } catch {
      const match = /<Message>(.*?)<\/Message>/.exec(text);
      if (match) return match[1];
    }
    return `Storage refused the file (${xhr.status}).`;
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
    const total = uploads.reduce((sum, u) => sum + u.file.size, 0);
    const sent = uploads.reduce((sum, u) => sum + (u.state === "done" ? u.file.size : u.sent), 0);
    const count = (state) => uploads.filter((u) => u.state === state).length;
    const done = count("done");
    const failed = count("failed");
    $("upload-total").value = total ? sent / total : 0;
    $("upload-counts").textContent =
      `${done} of ${uploads.length} uploaded` + (failed ? `, ${failed} failed` : "");
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
