// The chair's page keeps its quorum and attendance current without reloading: every few seconds
// it reads the page again and swaps in the sections marked data-live, so focus and scrolling stay.
// Without script the page is still right when loaded, and its "Refresh" link reloads it.
(function () {
  "use strict";
  const live = document.querySelectorAll("[data-live]");
  const root = document.querySelector("[data-refresh-seconds]");
  if (!live.length || !root) return;
  const every = Number(root.dataset.refreshSeconds) * 1000;
  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      live.forEach(function (section) {
        const next = fresh.getElementById(section.id);
        if (next) section.innerHTML = next.innerHTML;
      });
    } catch (error) {
      // Offline for a moment: the next round tries again.
    }
  }
  window.setInterval(refresh, every);
})();
