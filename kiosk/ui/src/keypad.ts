// EZ-Access-style keypad mapping: Up/Down move between the choices of the screen (or of the open dialog),
// Left/Right change a list choice, Enter selects, Escape/Backspace go back, H or ? opens help, L switches language. In a text field letters
// and Backspace type as usual; Up/Down still move on.

const FOCUSABLE =
  'button:not([disabled]):not([tabindex="-1"]), input:not([disabled]), select:not([disabled]), [href], [tabindex="0"]';

export interface KeypadActions {
  back(): void;
  help(): void;
  language(): void;
  /** The open dialog, whose choices the arrows cycle through instead of the screen's. */
  layer(): HTMLElement | null;
}

function isTextEntry(el: Element | null): boolean {
  return el instanceof HTMLInputElement && el.type !== 'radio' && el.type !== 'checkbox';
}

export function moveFocus(scope: ParentNode, direction: 1 | -1): void {
  const items = [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.offsetParent !== null && !el.closest('[inert]'),
  );
  if (items.length === 0) return;
  const active = document.activeElement;
  let index = items.indexOf(active as HTMLElement);
  if (index === -1 && active && active !== document.body) {
    // Focus sits on something that is not a choice (a screen's heading): start from where it is.
    const after = items.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    index = after === -1 ? items.length : after;
    index = direction === 1 ? index - 1 : index;
  }
  const next =
    index === -1 ? (direction === 1 ? 0 : items.length - 1) : (index + direction + items.length) % items.length;
  items[next]?.focus();
}

export function installKeypad(actions: KeypadActions): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const target = document.activeElement;
    const typing = isTextEntry(target);
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight':
        // In a list choice, Left/Right change the choice (Up/Down keep moving between choices).
        if (!(target instanceof HTMLSelectElement)) return;
        event.preventDefault();
        target.selectedIndex = Math.min(
          target.options.length - 1,
          Math.max(0, target.selectedIndex + (event.key === 'ArrowRight' ? 1 : -1)),
        );
        target.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        moveFocus(actions.layer() ?? document, event.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Enter':
        // Enter selects: on a radio tile as on a button (natively only Space would).
        if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) {
          event.preventDefault();
          target.click();
        }
        return;
      case 'Escape':
        event.preventDefault();
        actions.back();
        return;
      case 'Backspace':
        if (typing) return;
        event.preventDefault();
        actions.back();
        return;
      case 'h':
      case 'H':
      case '?':
        if (typing) return;
        event.preventDefault();
        actions.help();
        return;
      case 'l':
      case 'L':
        if (typing) return;
        event.preventDefault();
        actions.language();
        return;
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
