// The lines that let the citizen recognise the purchase (plate, new expiry, …), labelled from the catalog.
import type { ViewOf } from '../screens/screen-types';
import { formatValue } from '../format';
import { useT } from '../i18n';

export function Lines({ lines }: { lines: ViewOf<'quote'>['lines'] }) {
  const { t, lang } = useT();
  if (lines.length === 0) return null;
  return (
    <dl class="lines">
      {lines.map((line) => (
        <div class="line" key={`${line.label}=${line.value}`}>
          <dt>{t([`line.${line.label}`, line.label])}</dt>
          <dd class={line.label.startsWith('plate') ? 'plate' : undefined}>{formatValue(line.value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}
