// The visitor's accessibility choices: larger text (×1.25), high contrast
// (black, white, yellow) and reach (every control in the lower part of the
// screen). They apply as classes on <html> (see app.css), so every screen
// follows, and they end with the visit (`visit.end`).
//
// Tests: `tests/features.spec.ts` ("accessibility …").

class Access {
  largeText = $state(false);
  highContrast = $state(false);
  reach = $state(false);
  /** The panel with the three switches is open. */
  open = $state(false);

  reset(): void {
    this.largeText = false;
    this.highContrast = false;
    this.reach = false;
    this.open = false;
  }

  /** Mirrors the choices onto <html>; call once from the app's root. */
  apply(root: HTMLElement): void {
    root.classList.toggle("large-text", this.largeText);
    root.classList.toggle("high-contrast", this.highContrast);
    root.classList.toggle("reach", this.reach);
  }
}

/** The one set of choices of this window. */
export const access = new Access();
