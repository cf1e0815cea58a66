// "Autour de moi": an enhancement of the directory search form. Without
// JavaScript or without permission, the commune field does the same job.
(() => {
  const box = document.querySelector("[data-near-me]");
  if (!box || !("geolocation" in navigator)) return;
  box.hidden = false;
  const button = box.querySelector("[data-near-me-button]");
  const lat = box.querySelector("[data-near-me-lat]");
  const lon = box.querySelector("[data-near-me-lon]");
  const status = box.querySelector("[data-near-me-status]");
  button.addEventListener("click", () => {
    status.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        status.textContent =
          "Position trouvée : les lieux les plus proches de vous seront affichés.";
        box.closest("form")?.submit();
      },
      () => {
        status.textContent = "Votre position n'est pas disponible : indiquez votre commune.";
      },
      { timeout: 10000, maximumAge: 300000 },
    );
  });
})();

// « Imprimer cette fiche »: the button needs JavaScript; without it, the
// sentence beside it says how to print from the browser.
(() => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
    for (const fallback of document.querySelectorAll("[data-print-fallback]"))
      fallback.hidden = true;
  }
})();
