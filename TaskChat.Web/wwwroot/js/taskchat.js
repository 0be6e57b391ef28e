// Small browser-side helpers. Everything else runs on the server over the Blazor circuit.
(() => {
    "use strict";

    // The header indicator follows the circuit: Blazor toggles classes on the reconnect banner
    // (#components-reconnect-modal); we mirror them onto connection-status's data-state.
    const stateFromBanner = (banner) => {
        const c = banner.classList;
        if (c.contains("components-reconnect-show")) return "reconnecting";
        if (c.contains("components-reconnect-failed") || c.contains("components-reconnect-rejected")) return "disconnected";
        if (c.contains("components-reconnect-hide")) return "connected";
        return null;
    };

    const watchConnection = () => {
        const banner = document.getElementById("components-reconnect-modal");
        if (!banner) return;
        new MutationObserver(() => {
            const state = stateFromBanner(banner);
            if (!state) return;
            document.querySelectorAll('[data-testid="connection-status"]').forEach(el => el.dataset.state = state);
            // The server no longer has this circuit (it restarted): a fresh page is the only way back.
            if (banner.classList.contains("components-reconnect-rejected")) location.reload();
        }).observe(banner, { attributes: true, attributeFilter: ["class"] });
    };

    const browserTimeZone = () => {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    };

    const fillTimeZoneFields = () =>
        document.querySelectorAll("input[data-browser-timezone]").forEach(input => input.value = browserTimeZone() ?? "");

    document.addEventListener("DOMContentLoaded", () => {
        watchConnection();
        fillTimeZoneFields();
        // Links between the account pages are enhanced navigations: no new DOMContentLoaded.
        window.Blazor?.addEventListener("enhancedload", fillTimeZoneFields);
    });

    window.taskchat = { browserTimeZone };
})();
