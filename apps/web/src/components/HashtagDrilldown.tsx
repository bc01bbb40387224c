// A dialog with one hashtag's history: its rate, sentiment and top authors over recent windows,
// fetched by its count key from GET /api/hashtags/:key and refreshed as new windows arrive (at most every few seconds).
import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { HashtagDetail, HashtagRef } from '@hashpulse/protocol';
import type { ApiClient } from '../api';
import { formatRate } from '../format';
import { sentimentPoint } from '../series';
import { SentimentChart } from '../charts/SentimentChart';
import {
  chartMargin,
  gridStroke,
  timeAxis,
  timeTooltip,
  useTimeScale,
  valueAxis,
} from '../charts/chart-style';
import { AuthorTable } from './AuthorTable';
import { ErrorText } from './ErrorText';

/** Shortest gap between two fetches of the same tag while new windows arrive. */
const REFRESH_MS = 3000;
const NO_POINTS: HashtagDetail['points'] = [];

interface HashtagDrilldownProps {
  /** The tag clicked: its key is fetched, its spelling names the dialog until the detail arrives. */
  hashtag: HashtagRef;
  api: ApiClient;
  /** End of the newest window: a change means the history has a new point. */
  latestEnd: number | null;
  onClose(): void;
}

export function HashtagDrilldown({ hashtag, api, latestEnd, onClose }: HashtagDrilldownProps) {
  const { key } = hashtag;
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<HashtagDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const lastFetch = useRef(0);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    setDetail(null);
    setError(null);
    lastFetch.current = 0;
  }, [key]);

  useEffect(() => {
    let cancelled = false;
    const wait = Math.max(0, lastFetch.current + REFRESH_MS - Date.now());
    const timer = window.setTimeout(() => {
      lastFetch.current = Date.now();
      api.hashtag(key).then(
        (result) => {
          if (cancelled) return;
          setDetail(result);
          setError(null);
        },
        (caught: unknown) => {
          if (!cancelled) setError(caught instanceof Error ? caught : new Error(String(caught)));
        },
      );
    }, wait);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, key, latestEnd]);

  // The server's spelling once it answers (the window's most frequent one), the clicked one before.
  const tag = detail?.tag ?? hashtag.tag;
  const sentiment = useMemo(
    () => detail?.points.map((p) => sentimentPoint(p.end, p.sentiment)) ?? [],
    [detail],
  );
  const time = useTimeScale(detail?.points ?? NO_POINTS, 'end');

  return (
    <dialog
      ref={dialog}
      className="drilldown"
      onClose={onClose}
      aria-labelledby="drilldown-title"
      data-testid="drilldown"
    >
      <header className="drilldown-header">
        <h2 id="drilldown-title">#{tag}</h2>
        <button
          type="button"
          className="button-ghost"
          onClick={() => dialog.current?.close()}
          aria-label="Close"
        >
          ✕
        </button>
        <p className="muted">rate, sentiment and top authors over recent windows</p>
      </header>
      <ErrorText error={error} />
      {detail === null && error === null && <p className="empty">Loading #{tag}…</p>}
      {detail !== null && detail.points.length === 0 && <p className="empty">No windows with #{tag} yet.</p>}
      {detail !== null && detail.points.length > 0 && (
        <div className="drilldown-body">
          <figure className="chart-figure">
            <figcaption>Uses per second</figcaption>
            <LineChart
              responsive
              style={{ width: '100%', height: 200 }}
              data={detail.points}
              margin={chartMargin}
            >
              <CartesianGrid stroke={gridStroke} vertical={false} />
              <XAxis {...timeAxis('end', time)} />
              <YAxis {...valueAxis(formatRate)} />
              <Tooltip {...timeTooltip(time)} formatter={(value) => [formatRate(Number(value)), 'rate']} />
              <Line
                dataKey="rate"
                stroke="var(--accent)"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </figure>
          <figure className="chart-figure">
            <figcaption>Sentiment of tweets with #{tag}</figcaption>
            <SentimentChart points={sentiment} height={200} />
          </figure>
          <div className="drilldown-authors">
            <h3 className="subheading">Top authors using #{tag}</h3>
            <AuthorTable authors={detail.topAuthors} caption={`Top authors using #${tag}`} />
          </div>
        </div>
      )}
    </dialog>
  );
}
