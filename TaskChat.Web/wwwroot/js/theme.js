// Runs in <head>, before the page paints. The server picks the palette from two cookies
// (ThemePreference.cs): the user's choice, and the system's light/dark as last seen here.
(() => {
    "use strict";
    const year = 60 * 60 * 24 * 365;
    const setCookie = (name, value) => document.cookie = `${name}=${value}; path=/; max-age=${year}; samesite=lax`;
    const root = document.documentElement;
    const system = matchMedia("(prefers-color-scheme: dark)");
    const knewSystem = /(?:^|;\s*)taskchat-system-dark=/.test(document.cookie);
    const recordSystem = () => setCookie("taskchat-system-dark", system.matches ? "1" : "0");
    recordSystem();
    // A first visit could not know the system's choice; when the guess (light) was wrong, load the
    // page once more with it, before anything is shown, rather than keep the wrong one.
    if (!knewSystem && navigator.cookieEnabled && root.dataset.themeMode === "system" && system.matches) {
        location.replace(location.href);
        return;
    }
    const show = (dark) => {
        root.dataset.theme = dark ? "dark" : "light";
        root.style.colorScheme = dark ? "dark" : "light";
    };
    show(root.dataset.theme === "dark");
    system.addEventListener("change", () => {
        recordSystem();
        if (root.dataset.themeMode === "system") show(system.matches);
    });
    window.taskchatTheme = {
        // The theme toggle's choice, for this and the next pages (the circuit repaints Mud's palette itself).
        remember(mode, dark) {
            setCookie("taskchat-theme", mode);
            root.dataset.themeMode = mode;
            show(dark);
        },
    };
})();
