// Small browser-side helpers. Everything else runs on the server over the Blazor circuit.
(() => {
    "use strict";

    // Reconnection after a dropped connection: at once, then backing off to every 15 s for about
    // 14 minutes (Blazor's default waits up to 30 s between tries, long after Wi-Fi is back).
    const retryDelays = [0, 1000, 2000, 4000, 8000, 15000];
    const reconnectionOptions = {
        maxRetries: 60,
        retryIntervalMilliseconds: previousAttempts => retryDelays[Math.min(previousAttempts, retryDelays.length - 1)],
    };

    // The connection as the page shows it: "connected", "reconnecting" or "disconnected", on <html>
    // (CSS shows why Send is off), on the header indicator (with the attempt) and on Send.
    const connection = {
        get state() { return document.documentElement.dataset.connection ?? "connecting"; },
        get lost() { return this.state === "reconnecting" || this.state === "disconnected"; },
        set(state, attempt) {
            const was = this.state;
            document.documentElement.dataset.connection = state;
            document.querySelectorAll('[data-testid="connection-status"]').forEach(el => {
                el.dataset.state = state;
                if (state === "reconnecting" && attempt) el.dataset.attempt = attempt; else delete el.dataset.attempt;
            });
            // aria-disabled, not disabled: Blazor owns the disabled attribute and would not know to restore it.
            document.querySelectorAll('[data-testid="chat-send"]').forEach(button =>
                this.lost ? button.setAttribute("aria-disabled", "true") : button.removeAttribute("aria-disabled"));
            // Keystrokes typed while away never reached the server: send the box's text again.
            if (state === "connected" && was !== "connected") drafts.resync();
        },
    };

    // Blazor toggles classes on the reconnect banner (#components-reconnect-modal); we mirror them.
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
        const attempt = document.getElementById("components-reconnect-current-attempt");
        new MutationObserver(() => {
            const state = stateFromBanner(banner);
            if (!state) return;
            connection.set(state, attempt?.textContent);
            // The server no longer has this circuit (it restarted): a fresh page is the only way back,
            // and the address (?thread=) and the saved draft bring the user back where they were.
            if (banner.classList.contains("components-reconnect-rejected")) location.reload();
        }).observe(banner, { attributes: true, attributeFilter: ["class"], subtree: true, childList: true, characterData: true });
        const retry = () => window.Blazor.reconnect().then(ok => ok || location.reload(), () => { });
        banner.addEventListener("click", e => { if (e.target.closest('[data-action="reconnect"]')) retry(); });
        // After giving up, the network coming back (or the tab being looked at again) is worth a try.
        window.addEventListener("online", () => { if (connection.state === "disconnected") retry(); });
        document.addEventListener("visibilitychange", () => {
            if (document.visibilityState === "visible" && connection.state === "disconnected") retry();
        });
        // Blazor would drop a send made while away: refuse it here, before Blazor's own listener.
        window.addEventListener("submit", e => {
            if (connection.lost && e.target.closest?.(".chat-input")) {
                e.preventDefault();
                e.stopImmediatePropagation();
            }
        }, true);
    };

    // What the user typed and has not sent survives a reload (a new circuit) in sessionStorage: this
    // tab only, cleared when the message is sent. Keyed by user so another account never sees it.
    //
    // The box's value reaches the server in one circuit message, sized for any draft up to the
    // message limit (Hosting/CircuitMessageSize.cs). A longer value that message cannot carry (put
    // past the box's maxlength by a script) would drop the circuit, and be sent again on every
    // reconnect and reload: it is cut to the limit before it leaves, and the user told. A saved
    // draft over the limit (the limit was lowered since) could never be sent: cut too.
    const encoder = new TextEncoder();
    const fits = (value, box) =>
        value.length <= box.maxLength || encoder.encode(JSON.stringify(value)).length - 2 <= box.maxBytes;
    const save = (key, value) => {
        try {
            value ? sessionStorage.setItem(key, value) : sessionStorage.removeItem(key);
        } catch {
            // Storage full or off: the draft is still in the box and on the server.
        }
    };
    const drafts = {
        boxes: new Map(),
        keep(textarea, user, limits, dotnet) {
            const box = { key: "taskchat.draft." + user, maxLength: limits.maxLength, maxBytes: limits.maxBytes, dotnet };
            this.boxes.set(textarea, box);
            const saved = sessionStorage.getItem(box.key);
            // Text typed before the circuit was up, or restored from before a reload: tell the server.
            if (!textarea.value && saved) textarea.value = saved;
            if (textarea.value.length > box.maxLength) this.cut(textarea, box);
            textarea.addEventListener("input", () => {
                if (!fits(textarea.value, box)) this.cut(textarea, box);
                save(box.key, textarea.value);
            });
            if (textarea.value) textarea.dispatchEvent(new Event("input", { bubbles: true }));
        },
        cut(textarea, box) {
            const length = textarea.value.length;
            let end = box.maxLength;
            // Never split an emoji (a surrogate pair) in two.
            const last = textarea.value.charCodeAt(end - 1);
            if (last >= 0xD800 && last <= 0xDBFF) end--;
            textarea.value = textarea.value.slice(0, end);
            box.dotnet?.invokeMethodAsync("DraftCut", length).catch(() => { });
        },
        forget(textarea) {
            const box = this.boxes.get(textarea);
            if (box) sessionStorage.removeItem(box.key);
        },
        resync() {
            for (const textarea of this.boxes.keys()) {
                if (textarea.isConnected) textarea.dispatchEvent(new Event("input", { bubbles: true }));
                else this.boxes.delete(textarea);
            }
        },
    };

    const browserTimeZone = () => {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    };

    const fillTimeZoneFields = () =>
        document.querySelectorAll("input[data-browser-timezone]").forEach(input => input.value = browserTimeZone() ?? "");

    document.addEventListener("DOMContentLoaded", () => {
        // blazor.web.js loads with autostart="false" so that it starts with our reconnection options.
        window.Blazor.start({ circuit: { reconnectionOptions } });
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
    };

    window.taskchat = { browserTimeZone, chat, drafts };
})();
