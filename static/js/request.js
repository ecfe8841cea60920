// Calls to this site's JSON endpoints: the API (`/api/`) and the client pages' views.
// Both answer a failure as {message, status}; `message` is a sentence to show as it is.

export class RequestError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "RequestError";
    this.status = status;
  }
}

// Every page that calls the server renders Django's {% csrf_token %} somewhere in it.
const csrfToken = () => document.querySelector("[name=csrfmiddlewaretoken]")?.value ?? "";

/** Sends `body` as JSON; resolves to the answer's JSON (null for 204), or throws RequestError. */
export async function request(url, { method = "GET", body } = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": csrfToken(),
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestError("You seem to be offline. Check your connection and try again.", 0);
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = data.message || `Something went wrong (${response.status}). Please try again.`;
    throw new RequestError(message, response.status);
  }
  return data;
}

/** A URL reversed in the template with the placeholder PHOTO, for one photo. */
export const photoUrl = (template, id) => template.replace("PHOTO", encodeURIComponent(id));

/** A copy of a <template> element's first element, ready to fill with text. */
export function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}
