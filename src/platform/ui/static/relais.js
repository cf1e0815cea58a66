// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce it (RGAA 11.10).
  const summary = document.querySelector(".error-summary");
  if (summary instanceof HTMLElement) summary.focus();
  // On a wide screen the menu has room: open it (on a phone it stays folded).
  const menu = document.querySelector("[data-site-menu]");
  if (menu instanceof HTMLDetailsElement && window.matchMedia("(min-width: 48rem)").matches) {
    menu.open = true;
  }
});
