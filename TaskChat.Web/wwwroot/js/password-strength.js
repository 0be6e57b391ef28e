// The live password-strength meter on the account forms. Those pages are plain server-rendered
// forms without a circuit, so this asks the server's judge (the one the form applies on submit)
// over fetch. Listens on the document, so it works however the page was reached.
(() => {
    "use strict";

    const pending = new WeakMap();

    const show = (meter, score, text) => {
        meter.hidden = false;
        meter.dataset.score = score;
        const bar = meter.querySelector("meter");
        if (bar) bar.value = score === "" ? 0 : score;
        meter.querySelector(".password-strength-text").textContent = text;
    };

    const check = async (input, meter) => {
        const password = input.value;
        if (!password) { meter.hidden = true; meter.dataset.score = ""; return; }
        const body = new URLSearchParams({ password });
        const email = document.getElementById(input.dataset.strengthEmail ?? "");
        if (email) body.set("email", email.value);
        const token = input.form?.querySelector('input[name="__RequestVerificationToken"]');
        if (token) body.set("__RequestVerificationToken", token.value);
        let response, answer;
        try {
            response = await fetch("account/password-strength", { method: "POST", body, credentials: "same-origin" });
            answer = await response.json();
        } catch {
            return; // The form still judges the password on submit.
        }
        if (input.value !== password) return; // A later keystroke's answer will follow.
        if (!response.ok) { show(meter, "", answer.message ?? "The strength check is not available right now."); return; }
        show(meter, String(answer.score), answer.acceptable
            ? `Strength: ${answer.label}.`
            : `Strength: ${answer.label}. ${answer.reason}`);
    };

    document.addEventListener("input", e => {
        const input = e.target;
        if (!(input instanceof HTMLInputElement) || !input.dataset.strengthMeter) return;
        const meter = document.getElementById(input.dataset.strengthMeter);
        if (!meter) return;
        // One request per pause in typing, not per keystroke.
        clearTimeout(pending.get(input));
        pending.set(input, setTimeout(() => check(input, meter), 250));
    });
})();
