// The top bar: product name, the window every chart shows, source state, the time zone and the theme
// toggle.
import type { PublicConfig, SourceStatus } from '@hashpulse/protocol';
import { SourceBadge } from './SourceBadge';
import { ThemeToggle } from './ThemeToggle';
import { TimeZoneToggle } from './TimeZoneToggle';
import { WindowLabel } from './WindowLabel';

interface HeaderProps {
  config: PublicConfig | null;
  status: SourceStatus | null;
  dark: boolean;
  onToggleTheme(): void;
}

export function Header({ config, status, dark, onToggleTheme }: HeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          #
        </span>
        <h1>hashpulse</h1>
      </div>
      <WindowLabel window={config?.window ?? null} />
      <div className="header-end">
        <SourceBadge status={status} />
        <TimeZoneToggle />
        <ThemeToggle dark={dark} onToggle={onToggleTheme} />
      </div>
    </header>
  );
}
