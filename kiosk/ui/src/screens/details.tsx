// The details form of a service, generic over the bridge's field list: masked inputs, big radio tiles for
// short choices, an on-screen keyboard for the touch screen, and the bridge's verdict per field.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldName, FieldSpec, FieldValues } from '../../../src/ui-bridge/screen-protocol';
import { useT } from '../i18n';
import { inputModeFor, keyboardFor, mask } from '../masks';
import { OnScreenKeyboard } from '../components/on-screen-keyboard';
import type { Send, ViewOf } from './screen-types';

export function DetailsScreen({ view, send }: { view: ViewOf<'details'>; send: Send }) {
  const { t, lang } = useT();
  const [values, setValues] = useState<FieldValues>(view.values);
  const firstTyped = view.fields.find((f) => keyboardFor(f.kind) !== null)?.name ?? null;
  const [active, setActive] = useState<FieldName | null>(firstTyped);
  const inputs = useRef(new Map<FieldName, HTMLInputElement | HTMLSelectElement>());
  const invalidKey = view.invalid.join(',') + (view.refusal ?? '');

  useEffect(() => {
    const first = view.invalid[0];
    if (first) inputs.current.get(first)?.focus();
  }, [invalidKey]);

  const update = (field: FieldSpec, raw: string) =>
    setValues((current) => ({ ...current, [field.name]: mask(field.kind, raw, field.maxLength) }));

  const submit = (event: Event) => {
    event.preventDefault();
    const own: FieldValues = {};
    for (const field of view.fields) {
      const value = values[field.name];
      if (value !== undefined) own[field.name] = value;
    }
    send({ type: 'enter-details', values: own });
  };

  const activeField = view.fields.find((f) => f.name === active);
  const keyboard = activeField ? keyboardFor(activeField.kind) : null;
  const swipeable = view.fields.some((f) => f.kind === 'licence');

  return (
    <section class="screen details">
      <h1 tabIndex={-1}>{view.service.name[lang]}</h1>
      <p class="lead">{t(swipeable ? 'details.introSwipe' : 'details.intro')}</p>
      {view.refusal && (
        <p class="alert" role="alert">
          {t([`refusal.${view.refusal}`, 'refusal.default'])}
        </p>
      )}
      {view.invalid.length > 0 && !view.refusal && (
        <p class="alert" role="alert">
          {t('details.fix')}
        </p>
      )}
      <div class="details-body">
        <form class="form" onSubmit={submit} noValidate>
          {view.fields.map((field) => {
            const id = `f-${field.name}`;
            const invalid = view.invalid.includes(field.name);
            const hint = t(`hint.${field.name}`);
            const described = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
            const labelText = (
              <>
                {t(`field.${field.name}`)}
                {!field.required && <span class="optional"> ({t('common.optional')})</span>}
              </>
            );
            if (field.kind === 'choice' && (field.options?.length ?? 0) <= 4) {
              return (
                <fieldset
                  key={field.name}
                  class={`field choice${invalid ? ' invalid' : ''}`}
                  aria-describedby={described || undefined}
                >
                  <legend>{labelText}</legend>
                  <FieldNotes id={id} hint={hint} error={invalid ? t(`error.${field.name}`) : undefined} />
                  <div class="tiles">
                    {field.options?.map((option) => (
                      <label key={option} class={`tile${values[field.name] === option ? ' selected' : ''}`}>
                        <input
                          type="radio"
                          name={field.name}
                          value={option}
                          checked={values[field.name] === option}
                          onChange={() => update(field, option)}
                          ref={(el) => {
                            if (el && (values[field.name] === option || !inputs.current.has(field.name)))
                              inputs.current.set(field.name, el);
                          }}
                        />
                        <span>{t(`choice.${field.name}.${option}`)}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              );
            }
            if (field.kind === 'choice') {
              return (
                <div key={field.name} class={`field${invalid ? ' invalid' : ''}`}>
                  <label for={id}>{labelText}</label>
                  <FieldNotes id={id} hint={hint} error={invalid ? t(`error.${field.name}`) : undefined} />
                  <select
                    id={id}
                    value={values[field.name] ?? ''}
                    aria-describedby={described || undefined}
                    aria-invalid={invalid ? 'true' : undefined}
                    onChange={(e) => update(field, e.currentTarget.value)}
                    onFocus={() => setActive(null)}
                    ref={(el) => {
                      if (el) inputs.current.set(field.name, el);
                    }}
                  >
                    {field.options?.map((option) => (
                      <option key={option} value={option}>
                        {t(`choice.${field.name}.${option}`)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            }
            return (
              <div
                key={field.name}
                class={`field${invalid ? ' invalid' : ''}${active === field.name ? ' active' : ''}`}
              >
                <label for={id}>{labelText}</label>
                <FieldNotes id={id} hint={hint} error={invalid ? t(`error.${field.name}`) : undefined} />
                <input
                  id={id}
                  type="text"
                  class={field.kind === 'plate' ? 'plate-input' : undefined}
                  value={values[field.name] ?? ''}
                  inputMode={inputModeFor(field.kind)}
                  autoComplete="off"
                  autoCorrect="off"
                  spellcheck={false}
                  required={field.required}
                  aria-required={field.required ? 'true' : undefined}
                  aria-describedby={described || undefined}
                  aria-invalid={invalid ? 'true' : undefined}
                  onInput={(e) => {
                    const el = e.currentTarget;
                    update(field, el.value);
                    el.value = mask(field.kind, el.value, field.maxLength);
                  }}
                  onFocus={() => setActive(field.name)}
                  ref={(el) => {
                    if (el) inputs.current.set(field.name, el);
                  }}
                />
              </div>
            );
          })}
          <div class="actions">
            <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>
              {t('common.back')}
            </button>
            <button type="submit" class="primary">
              {t('common.continue')}
            </button>
          </div>
        </form>
        {activeField && keyboard && (
          <OnScreenKeyboard
            layout={keyboard}
            lang={lang}
            onKey={(key) => {
              const current = values[activeField.name] ?? '';
              update(activeField, key === 'delete' ? current.slice(0, -1) : current + key);
              inputs.current.get(activeField.name)?.focus();
            }}
          />
        )}
      </div>
    </section>
  );
}

/** A field's hint and its error, with the ids its control's aria-describedby names. */
function FieldNotes({ id, hint, error }: { id: string; hint: string | undefined; error: string | undefined }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </>
  );
}
