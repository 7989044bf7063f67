import {
  type Config,
  exchangeCells,
  exchangeDetail,
  exchangeHead,
  type FerryClient,
  ferryErrorOf,
  type HttpExchangeDetail,
  type HttpExchangeSummary,
  printable,
} from "@ferry/store/client";
import { useEffect, useState } from "react";
import { useExchanges } from "../hooks/useExchanges.ts";
import { HttpLogLimits } from "./HttpLogLimits.tsx";

interface Props {
  client: FerryClient;
  config: Config;
}

/** Multi-line text shown safely: each line through `printable` (which escapes newlines too). */
const block = (text: string) => text.split("\n").map(printable).join("\n");
/** A side of an exchange: its first line, headers, then the body after an empty line. */
const side = (line: string, headers: string[], body: string) =>
  `${line}\n${headers.join("\n")}${body ? `\n\n${body}` : ""}`;

/** The details pane's "HTTP log" tab: logging on/off, the exchanges, one in full, replay, curl. */
export function HttpLogPanel({ client, config }: Props) {
  const { list, problem } = useExchanges(client, config.id);
  const [open, setOpen] = useState<HttpExchangeDetail | null>(null);
  const head = open && exchangeHead(open);
  const [curl, setCurl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fail = (err: unknown) => setNotice(printable(ferryErrorOf(err).message));
  // Shown at once; the stored value (the config as re-read) has the last word.
  const [logging, setLogging] = useState(config.http_logs_enabled);
  useEffect(() => setLogging(config.http_logs_enabled), [config.http_logs_enabled]);

  const toggle = (on: boolean) => {
    setLogging(on);
    client.configs.update.mutate({ id: config.id, patch: { http_logs_enabled: on } }).then(
      () => setNotice(`HTTP logging ${on ? "on" : "off"}.`),
      (err) => {
        setLogging(!on);
        fail(err);
      },
    );
  };
  const show = async (e: HttpExchangeSummary) => {
    setCurl(null);
    try {
      setOpen(await exchangeDetail(client, config.id, e));
    } catch (err) {
      fail(err);
    }
  };
  const replay = (e: HttpExchangeDetail) =>
    client.logs.replay
      .mutate({ ref: config.id, traceId: e.traceId })
      .then(
        (r) =>
          setNotice(
            `Replayed: ${r.status} in ${Math.round(r.durationMs)} ms (logged as a new exchange).`,
          ),
        fail,
      );
  const copyCurl = async (e: HttpExchangeDetail) => {
    try {
      const { command } = await client.logs.curl.query({ ref: config.id, traceId: e.traceId });
      setCurl(command);
      await navigator.clipboard?.writeText(command).catch(() => {});
      setNotice("curl command copied.");
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div className="http-log">
      <div className="field checkbox">
        <input
          id="http-log-on"
          type="checkbox"
          checked={logging}
          onChange={(e) => toggle(e.target.checked)}
        />
        <label htmlFor="http-log-on">Log HTTP traffic through this forward</label>
      </div>
      <HttpLogLimits key={config.id} client={client} config={config} />
      <p role="status" className="muted">
        {notice ?? problem ?? `${list.length} exchange${list.length === 1 ? "" : "s"}`}
      </p>
      {list.length > 0 ? (
        <table className="exchanges">
          <caption className="sr-only">HTTP exchanges, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => {
              const c = exchangeCells(e);
              return (
                <tr
                  key={e.traceId}
                  data-trace={e.traceId}
                  aria-selected={open?.traceId === e.traceId}
                >
                  <td>{c.time}</td>
                  <td>{printable(c.method)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => void show(e)}>
                      {printable(c.path)}
                    </button>
                  </td>
                  <td>{printable(c.status)}</td>
                  <td>{c.duration}</td>
                  <td>{c.size}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {open && head ? (
        <section className="exchange" aria-label="Exchange in full">
          <div className="dialog-actions">
            <button type="button" onClick={() => void replay(open)}>
              Replay
            </button>
            <button type="button" onClick={() => void copyCurl(open)}>
              Copy as curl
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              Close exchange
            </button>
          </div>
          {curl ? <pre data-testid="curl">{block(curl)}</pre> : null}
          <h4>Request</h4>
          <pre data-testid="request">
            {block(side(head.requestLine, head.requestHeaders, open.requestBody))}
          </pre>
          <h4>Response</h4>
          <pre data-testid="response">
            {block(side(head.statusLine, head.responseHeaders, open.responseBody))}
          </pre>
        </section>
      ) : null}
    </div>
  );
}
