// The optional questionnaire: six statements, one tap each, then Send or Skip. Anonymous by construction:
// only the answers leave the page.
import { useState } from 'preact/hooks';
import type { SurveyAnswers } from '../../../src/ui-bridge/screen-protocol';
import { useT } from '../i18n';
import { FaceIcon } from '../components/icons';
import type { Send, ViewOf } from './screen-types';

const ANSWERS = ['good', 'neutral', 'poor'] as const;

export function SurveyScreen({ view, send }: { view: ViewOf<'survey'>; send: Send }) {
  const { t } = useT();
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  return (
    <section class="screen survey">
      <h1 tabIndex={-1}>{t('survey.title')}</h1>
      <p class="lead">{t('survey.intro')}</p>
      <div class="questions">
        {view.questions.map((q) => (
          <fieldset key={q} class="question">
            <legend>{t(`survey.question.${q}`)}</legend>
            <div class="answers">
              {ANSWERS.map((a) => (
                <label key={a} class={`tile answer${answers[q] === a ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name={q}
                    value={a}
                    checked={answers[q] === a}
                    onChange={() => setAnswers((current) => ({ ...current, [q]: a }))}
                  />
                  <FaceIcon mood={a} />
                  <span>{t(`survey.answer.${a}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => send({ type: 'skip-survey' })}>
          {t('survey.skip')}
        </button>
        <button type="button" class="primary" onClick={() => send({ type: 'answer-survey', answers })}>
          {t('survey.send')}
        </button>
      </div>
    </section>
  );
}
