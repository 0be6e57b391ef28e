// Copies the new token's text; where the Clipboard API is refused (an http:// address that is not
// localhost, a denied permission), selects it so the user can copy it themselves.
export async function copyText(element) {
    const text = element.textContent.trim();
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        const range = document.createRange();
        range.selectNodeContents(element);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return false;
    }
}
