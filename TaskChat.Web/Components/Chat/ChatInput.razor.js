// Enter sends (the component sends on keydown); here it only stops Enter from also typing a new
// line. Shift+Enter, and Enter that ends an IME composition, type as usual.
export function keepEnterForSending(textarea) {
    textarea.addEventListener("keydown", e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) e.preventDefault();
    });
}
