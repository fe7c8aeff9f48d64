// "Copy link": one button that puts the view's link on the clipboard, and says so.
// data: {url, label, done, failed}. Text is set with textContent, never parsed as HTML.

// The Clipboard API needs a secure context (https or localhost); a presenter's server on
// plain http over the LAN has none, so the old selection-and-copy path is the fallback.
export function copyText(text, nav, doc) {
  if (nav && nav.clipboard && typeof nav.clipboard.writeText === "function") {
    return nav.clipboard.writeText(text).then(
      () => true,
      () => legacyCopy(text, doc),
    );
  }
  return Promise.resolve(legacyCopy(text, doc));
}

function legacyCopy(text, doc) {
  if (!doc || !doc.body) return false;
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  doc.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export default function ({ data, parentElement }) {
  let self = parentElement.__gbaCopy;
  if (!self) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "gba-copy";
    const status = document.createElement("span");
    status.className = "gba-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    parentElement.append(button, status);
    self = { button, status, data };
    parentElement.__gbaCopy = self;
    button.addEventListener("click", () => {
      const d = self.data;
      copyText(d.url, navigator, document).then((ok) => {
        status.textContent = ok ? d.done : d.failed;
        button.dataset.copied = ok ? "yes" : "no";
      });
    });
  }
  self.data = data;
  self.button.textContent = data.label;
  self.status.textContent = "";
}
