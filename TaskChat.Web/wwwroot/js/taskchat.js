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

    // The chat's scroll: follow new content while the user is at the bottom; leave them be when they
    // scrolled up to read; near the top, ask .NET for earlier messages and keep the view steady.
    const followers = new WeakMap();
    const chat = {
        follow(list, dotnet) {
            const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 48;
            let pinned = true;
            let loading = false;
            let anchor = null;
            const onScroll = () => {
                pinned = nearBottom();
                if (list.scrollTop < 40 && !loading && list.querySelector('[data-testid="load-earlier"]')) {
                    loading = true;
                    const first = list.querySelector('[data-testid="message"]');
                    anchor = first ? { element: first, top: first.offsetTop } : null;
                    dotnet.invokeMethodAsync("LoadEarlier").finally(() => loading = false);
                }
            };
            const observer = new MutationObserver(() => {
                if (anchor && anchor.element.isConnected && anchor.element.offsetTop !== anchor.top) {
                    list.scrollTop += anchor.element.offsetTop - anchor.top;
                    anchor = null;
                } else if (pinned) {
                    list.scrollTop = list.scrollHeight;
                }
            });
            observer.observe(list, { childList: true, subtree: true, characterData: true });
            list.addEventListener("scroll", onScroll, { passive: true });
            list.scrollTop = list.scrollHeight;
            followers.set(list, {
                stop: () => { observer.disconnect(); list.removeEventListener("scroll", onScroll); },
                pin: () => { pinned = true; list.scrollTop = list.scrollHeight; },
            });
        },
        pin(list) {
            followers.get(list)?.pin();
        },
        unfollow(list) {
            followers.get(list)?.stop();
            followers.delete(list);
        },
        // Enter sends; Shift+Enter (and Enter while composing with an IME) types a new line.
        enterSends(textarea) {
            textarea.addEventListener("keydown", e => {
                if (e.key !== "Enter" || e.shiftKey || e.isComposing) return;
                e.preventDefault();
                textarea.form?.requestSubmit();
            });
        },
    };

    window.taskchat = { browserTimeZone, chat };
})();
