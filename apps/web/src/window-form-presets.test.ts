import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { windowConfigViolations } from '@hashpulse/protocol';
import { createApi } from './api';
import { WindowForm } from './components/WindowForm';
import { PRESET_BATCH_INTERVALS_MS, resolvePreset, type WindowPreset } from './window-presets';

const DAY = 86_400_000;

function render(presets: readonly WindowPreset[]): string {
  return renderToStaticMarkup(
    createElement(WindowForm, {
      window: { batchIntervalMs: 1000, windowLengthMs: 300_000, slideMs: 5000 },
      api: createApi(),
      canControl: true,
      onApplied: () => {},
      presets,
    }),
  );
}

/** The markup of the element with this test id (its opening tag and text up to its end tag). */
function element(html: string, testId: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>.*?</\\1>`).exec(html);
  return match?.[0] ?? '';
}

describe('window presets in the form', () => {
  const available: WindowPreset = { id: '5m', label: 'Last 5 min', windowLengthMs: 300_000, slideMs: 5000 };
  // Longer than the longest history tier, so the rules refuse it at every batch interval.
  const refused: WindowPreset = { id: '90d', label: '90 days', windowLengthMs: 90 * DAY, slideMs: DAY };

  it('a preset the rules refuse is disabled, with the rules it breaks as its reason', () => {
    const html = render([available, refused]);
    const { problems } = resolvePreset(refused);
    const coarsest = PRESET_BATCH_INTERVALS_MS[PRESET_BATCH_INTERVALS_MS.length - 1]!;
    expect(problems).toEqual(
      windowConfigViolations({ batchIntervalMs: coarsest, windowLengthMs: 90 * DAY, slideMs: DAY }),
    );
    expect(problems.length).toBeGreaterThan(0);

    const button = element(html, 'window-preset-90d');
    expect(button).toContain('disabled=""');
    expect(button).toContain('aria-describedby="window-preset-reason-90d"');
    // React escapes the text; the reason names each rule broken.
    const reason = element(html, 'window-preset-reason-90d');
    expect(reason).toContain('id="window-preset-reason-90d"');
    expect(reason).toContain(`90 days is not available: ${problems.join('; ')}.`);
  });

  it('an available preset is enabled, marked when it is the current window, and has no reason', () => {
    const html = render([available, refused]);
    const button = element(html, 'window-preset-5m');
    expect(button).not.toContain('disabled');
    expect(button).toContain('aria-pressed="true"');
    expect(element(html, 'window-preset-reason-5m')).toBe('');
    expect(element(render([available]), 'window-preset-reason-90d')).toBe('');
  });
});
