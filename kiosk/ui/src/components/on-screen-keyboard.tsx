// The touch screen's keyboard (a kiosk has no physical one): big keys that type into the active field. Hidden
// from assistive technology and out of the focus order: keypad and screen-reader users type with the keypad.
import { useT, type Lang } from '../i18n';

const FULL = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL-', 'ZXCVBNM'];
const DIGITS = ['123', '456', '789', '0'];

export function OnScreenKeyboard(props: { layout: 'full' | 'digits'; lang: Lang; onKey: (key: string) => void }) {
  const { t } = useT();
  const rows = props.layout === 'full' ? FULL : DIGITS;
  const press = (key: string) => (event: PointerEvent) => {
    // Keep the focus (and the caret) in the field being typed into.
    event.preventDefault();
    props.onKey(key);
  };
  return (
    <div class={`osk osk-${props.layout}`} aria-hidden="true" data-testid="on-screen-keyboard">
      {rows.map((row) => (
        <div class="osk-row" key={row}>
          {[...row].map((key) => (
            <button type="button" tabIndex={-1} class="key" key={key} onPointerDown={press(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div class="osk-row">
        {props.layout === 'full' && (
          <button type="button" tabIndex={-1} class="key wide" onPointerDown={press(' ')}>
            {t('details.space')}
          </button>
        )}
        <button type="button" tabIndex={-1} class="key wide" onPointerDown={press('delete')}>
          ⌫ {t('details.delete')}
        </button>
      </div>
    </div>
  );
}
