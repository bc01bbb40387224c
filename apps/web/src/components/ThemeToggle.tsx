// Switches light/dark; the initial theme follows the system (prefers-color-scheme).
export function ThemeToggle({ dark, onToggle }: { dark: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className="button-ghost theme-toggle"
      onClick={onToggle}
      aria-label={dark ? 'Switch to light mode' : 'Switch to dark mode'}
      title={dark ? 'Switch to light mode' : 'Switch to dark mode'}
      data-testid="theme-toggle"
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </button>
  );
}
