// The dashboard page: live state from useHashpulse, laid out as a responsive grid of panels.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HashtagRef, ReplayGap, SentimentScorerName } from '@hashpulse/protocol';
import { createApi } from './api';
import { windowLabel } from './format';
import { useAdminToken } from './state/useAdminToken';
import { useHashpulse } from './state/useHashpulse';
import { useTheme } from './state/useTheme';
import { useThrottled } from './state/useThrottled';
import { ConnectionBanner } from './components/ConnectionBanner';
import { StaleBanner } from './components/StaleBanner';
import { ControlAccess } from './components/ControlAccess';
import { EngineHealth } from './components/EngineHealth';
import { HashtagDrilldown } from './components/HashtagDrilldown';
import { HashtagSentiment } from './components/HashtagSentiment';
import { HashtagTrends } from './components/HashtagTrends';
import { Header } from './components/Header';
import { LiveControls } from './components/LiveControls';
import { PayloadNotice } from './components/PayloadNotice';
import { ProfileBreakdown } from './components/ProfileBreakdown';
import { ReplayControls } from './components/ReplayControls';
import { SentimentTimeline } from './components/SentimentTimeline';
import { SourceStatusPanel } from './components/SourceStatusPanel';
import { SummaryTiles } from './components/SummaryTiles';
import { TopAuthors } from './components/TopAuthors';
import { TopHashtags } from './components/TopHashtags';
import { TweetFeed } from './components/TweetFeed';
import { WindowForm } from './components/WindowForm';

const CHART_REFRESH_MS = 1000;
const FEED_REFRESH_MS = 500;
const NO_GAPS: readonly ReplayGap[] = [];
/** How the footer names the server's sentiment scorer (SENTIMENT). */
const SCORER_NAMES: Record<SentimentScorerName, string> = {
  model: 'the learned model (model)',
  lexicon: 'the lexicon alone (lexicon)',
};

export function App() {
  const { state, applyConfig, applyStatus, dismissRejections } = useHashpulse();
  const theme = useTheme();
  const [token, setToken] = useAdminToken();
  const tokenRef = useRef(token);
  useEffect(() => {
    tokenRef.current = token;
  }, [token]);
  // One client for the page's life; it reads the token at each call.
  const api = useMemo(() => createApi({ token: () => tokenRef.current }), []);
  const [drillTag, setDrillTag] = useState<HashtagRef | null>(null);
  const closeDrilldown = useCallback(() => setDrillTag(null), []);

  const { config, status } = state;
  // Charts and tiles redraw at most once a second, the feed twice; status and config follow every update.
  const windows = useThrottled(state.windows, CHART_REFRESH_MS);
  const metrics = useThrottled(state.metrics, CHART_REFRESH_MS);
  const feed = useThrottled(state.feed, FEED_REFRESH_MS);
  const current = windows[windows.length - 1];
  // Charts label what they draw: the newest window's own configuration, else the server's.
  const shownWindow = current?.config ?? config?.window ?? null;
  const label = shownWindow ? windowLabel(shownWindow) : 'waiting for data';
  const canControl = config !== null && (!config.adminRequired || token !== '');
  // The replay's gaps change rarely: an array kept while their values stay keeps the memoised charts
  // from redrawing on each status.
  const gapList = status?.kind === 'replay' ? (status.replay?.gaps ?? NO_GAPS) : NO_GAPS;
  const gapKey = gapList.map((gap) => `${gap.from}-${gap.to}`).join(',');
  const gaps = useMemo(() => gapList, [gapKey]);
  const stale = status?.state === 'stopped';

  return (
    <div className="app" data-connection={state.connection}>
      <Header config={config} status={status} dark={theme.dark} onToggleTheme={theme.toggle} />
      <ConnectionBanner connection={state.connection} everConnected={state.everConnected} />
      <StaleBanner status={status} />
      <PayloadNotice
        rejections={state.rejections}
        total={state.rejectedTotal}
        onDismiss={dismissRejections}
      />
      <main className={stale ? 'grid stale' : 'grid'} data-stale={stale ? 'true' : undefined}>
        <SummaryTiles current={current} />
        <TopHashtags current={current} label={label} onSelect={setDrillTag} />
        <HashtagTrends windows={windows} label={label} gaps={gaps} onSelect={setDrillTag} />
        <SentimentTimeline windows={windows} label={label} gaps={gaps} />
        <HashtagSentiment current={current} label={label} onSelect={setDrillTag} />
        <TweetFeed feed={feed} onSelect={setDrillTag} />
        <ProfileBreakdown current={current} label={label} />
        <TopAuthors current={current} label={label} />
        <EngineHealth metrics={metrics} batchIntervalMs={config?.window.batchIntervalMs ?? 1000} />
        <SourceStatusPanel status={status} />
        <h2 className="section-title span-full">Controls</h2>
        {config !== null && (
          <ControlAccess adminRequired={config.adminRequired} token={token} onToken={setToken} />
        )}
        <WindowForm
          window={config?.window ?? null}
          api={api}
          canControl={canControl}
          onApplied={applyConfig}
        />
        <ReplayControls api={api} status={status} canControl={canControl} onStatus={applyStatus} />
        <LiveControls
          api={api}
          config={config}
          status={status}
          canControl={canControl}
          onStatus={applyStatus}
        />
      </main>
      <footer className="app-footer muted" data-testid="app-footer">
        hashpulse {config?.version ?? ''} · profiles from {config?.profileStore ?? '…'} store · sentiment by{' '}
        {config === null ? '…' : SCORER_NAMES[config.sentiment]}
      </footer>
      {drillTag !== null && (
        <HashtagDrilldown
          hashtag={drillTag}
          api={api}
          latestEnd={current?.end ?? null}
          onClose={closeDrilldown}
        />
      )}
    </div>
  );
}
