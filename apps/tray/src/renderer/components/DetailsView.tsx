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
import type { Config, ForwardEvent, ForwardStatus } from "../api/daemonApi.ts";
import { localText, targetText } from "../configView.ts";
import { addSample, type TrafficPoint, type TrafficTotals, totalsFrom } from "../trafficSeries.ts";
import { StateBadge } from "./StateBadge.tsx";

interface Props {
  config: Config;
  status: ForwardStatus;
  events: readonly ForwardEvent[];
  onClose: () => void;
}

const time = (at: number) => new Date(at).toLocaleTimeString();

/** One forward: where it goes, its live traffic (bytes/s) and its recent events. */
export function DetailsView({ config, status, events, onClose }: Props) {
  const mine = events.filter((e) => e.id === config.id);
  const [series, setSeries] = useState<TrafficPoint[]>([]);
  const last = useRef<TrafficTotals | null>(null);
  const openedAt = useRef(Date.now());
  const seen = useRef(0);

  useEffect(() => {
    const fresh = mine.slice(seen.current);
    seen.current = mine.length;
    for (const event of fresh) {
      const totals = totalsFrom(event);
      if (!totals) continue;
      setSeries((s) => addSample(s, last.current, totals, openedAt.current));
      last.current = totals;
    }
  }, [mine]);

  const latest = last.current;
  return (
    <section className="details" aria-labelledby="details-title">
      <header>
        <h2 id="details-title">{config.alias}</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </header>
      <dl>
        <dt>State</dt>
        <dd>
          <StateBadge status={status} />
        </dd>
        <dt>Context / namespace</dt>
        <dd>
          {config.context ?? "(current)"} / {config.namespace}
        </dd>
        <dt>Target</dt>
        <dd>
          <code>{targetText(config)}</code> ({config.protocol})
        </dd>
        <dt>Local</dt>
        <dd>
          <code>{localText(config)}</code>
        </dd>
        <dt>Traffic</dt>
        <dd>
          {latest
            ? `${latest.bytesIn} B in, ${latest.bytesOut} B out, ${latest.connections} open`
            : "no traffic yet"}
        </dd>
      </dl>
      <figure className="chart" aria-label="Traffic in bytes per second">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="t" unit="s" stroke="var(--muted)" />
            <YAxis stroke="var(--muted)" />
            <Tooltip />
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
      {mine.length === 0 ? (
        <p className="muted">No events since this window opened.</p>
      ) : (
        <ol className="events" aria-live="polite">
          {mine
            .slice(-20)
            .reverse()
            .map((e) => (
              <li key={`${e.at}-${e.message}`}>
                <time>{time(e.at)}</time>{" "}
                <span className={`badge badge-${e.status.state}`}>{e.status.state}</span>{" "}
                {e.message}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
