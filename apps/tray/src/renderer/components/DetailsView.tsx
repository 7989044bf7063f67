import {
  type Config,
  type FerryClient,
  type ForwardRow,
  type ForwardUpdate,
  formatBytes,
  localText,
  printable,
  targetText,
} from "@ferry/store/client";
import { useEffect, useRef, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { addSample, type TrafficPoint, type TrafficTotals, totalsFrom } from "../trafficSeries.ts";
import { ForwardActions } from "./ForwardActions.tsx";
import { HttpLogPanel } from "./HttpLogPanel.tsx";
import { StateBadge } from "./StateBadge.tsx";

export interface DetailsViewProps {
  client: FerryClient;
  config: Config;
  row: ForwardRow | undefined;
  events: readonly ForwardUpdate[];
  /** The `open.scheme` setting. */
  scheme: string;
  onClose: () => void;
}

const time = (at: number) => new Date(at).toLocaleTimeString();
const SAMPLE_MS = 1_000;

/** What a person reads in the events list: the new state and error, or the log line. */
function eventText(u: ForwardUpdate): string {
  if (u.kind === "log" && u.log) return `${u.log.level}: ${u.log.message}`;
  return u.row.error ? u.row.error.message : u.row.pod ? `pod ${u.row.pod}` : "";
}

/** One forward: where it goes, its live traffic (bytes/s) and its recent events. */
export function DetailsView(props: DetailsViewProps) {
  const { client, config, row, events, scheme, onClose } = props;
  const [tab, setTab] = useState<"overview" | "http">("overview");
  const mine = events.filter((e) => e.row.id === config.id);
  const readable = mine.filter((e) => e.kind !== "traffic");
  const [series, setSeries] = useState<TrafficPoint[]>([]);
  const last = useRef<TrafficTotals | null>(null);
  const newest = useRef<TrafficTotals | null>(null);
  const firstAt = useRef<number | null>(null);

  // Events arrive in bursts; the chart samples the latest counters once a second instead.
  for (const event of mine.filter((e) => e.kind === "traffic").slice(-1)) {
    newest.current = totalsFrom(event);
  }
  useEffect(() => {
    const timer = setInterval(() => {
      const totals = newest.current;
      if (!totals || totals.at === last.current?.at) return;
      firstAt.current ??= totals.at;
      const start = firstAt.current;
      setSeries((s) => addSample(s, last.current, totals, start));
      last.current = totals;
    }, SAMPLE_MS);
    return () => clearInterval(timer);
  }, []);

  const latest = newest.current;
  return (
    <section className="details" aria-labelledby="details-title">
      <header>
        <h2 id="details-title">{printable(config.alias)}</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </header>
      <div role="tablist" aria-label="Details" className="tabs">
        {(["overview", "http"] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            onClick={() => setTab(t)}
          >
            {t === "overview" ? "Overview" : "HTTP log"}
          </button>
        ))}
      </div>
      {tab === "http" ? (
        <div role="tabpanel" id="panel-http" aria-labelledby="tab-http">
          <HttpLogPanel client={client} config={config} />
        </div>
      ) : null}
      <div
        role="tabpanel"
        id="panel-overview"
        aria-labelledby="tab-overview"
        hidden={tab !== "overview"}
      >
        <ForwardActions config={config} row={row} scheme={scheme} />
        <dl>
          <dt>State</dt>
          <dd>
            <StateBadge row={row ?? { state: "stopped", error: null }} />
          </dd>
          <dt>Context / namespace</dt>
          <dd>
            {printable(config.context ?? "(current)")} / {printable(config.namespace)}
          </dd>
          <dt>Target</dt>
          <dd>
            <code>{printable(targetText(config))}</code> ({config.protocol})
          </dd>
          <dt>Local</dt>
          <dd>
            <code>
              {localText({
                localAddress: config.local_address,
                localPort: row?.localPort || (config.local_port ?? config.remote_port),
              })}
            </code>
          </dd>
          <dt>Traffic</dt>
          <dd>
            {latest
              ? `${formatBytes(latest.bytesIn)} in, ${formatBytes(latest.bytesOut)} out, ${latest.connections} open`
              : "no traffic yet"}
          </dd>
        </dl>
        <figure className="chart" aria-label="Traffic in bytes per second">
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
              <XAxis dataKey="t" unit="s" stroke="var(--muted)" />
              <YAxis stroke="var(--muted)" width={64} tickFormatter={formatBytes} />
              <Tooltip formatter={(v) => `${formatBytes(Number(v))}/s`} />
              <Legend />
              <Line
                type="monotone"
                dataKey="inRate"
                name="in B/s"
                stroke="var(--in)"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="outRate"
                name="out B/s"
                stroke="var(--out)"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <h3>Recent events</h3>
        {readable.length === 0 ? (
          <p className="muted">No events since this window opened.</p>
        ) : (
          // The list scrolls, so it takes focus: keyboard users can scroll it too.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be focusable (axe scrollable-region-focusable)
          <ol className="events" aria-live="polite" aria-label="Recent events" tabIndex={0}>
            {readable
              .slice(-20)
              .reverse()
              .map((e) => (
                <li key={`${e.at}-${e.kind}-${eventText(e)}`}>
                  <time>{time(e.at)}</time>{" "}
                  {e.kind === "status" ? (
                    <span className={`badge badge-${e.row.state}`}>{e.row.state}</span>
                  ) : null}{" "}
                  {printable(eventText(e))}
                </li>
              ))}
          </ol>
        )}
      </div>
    </section>
  );
}
