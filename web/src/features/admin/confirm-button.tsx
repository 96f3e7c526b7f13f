import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button whose action runs only after a second, explicit step: the first click shows
 * `question` with confirm and cancel buttons in its place.
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  disabled = false,
  className = 'button button--small',
}: {
  label: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={className}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-step" role="group" aria-label={label}>
      <span className="confirm-step__question">{question}</span>
      <button
        type="button"
        className="button button--small button--danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('admin.confirm.yes')}
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={() => setAsking(false)}
      >
        {t('admin.confirm.cancel')}
      </button>
    </span>
  );
}
