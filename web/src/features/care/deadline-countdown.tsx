import { useTranslation } from 'react-i18next';

import { countdown } from './alert-order.js';

/** "42분 남음" / "기한 5분 지남" for an acknowledgement deadline, red when urgent. */
export function DeadlineCountdown({ deadline, now }: { deadline: string; now: number }) {
  const { t } = useTranslation();
  const left = countdown(deadline, now);
  const time =
    left.hours > 0
      ? t('care.hoursMinutes', { hours: left.hours, minutes: left.minutes })
      : t('care.minutes', { minutes: left.minutes });
  return (
    <span className={`countdown${left.urgent ? ' countdown--urgent' : ''}`}>
      {left.overdue ? t('care.countdownOverdue', { time }) : t('care.countdownLeft', { time })}
    </span>
  );
}
