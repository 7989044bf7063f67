import {
  type DiscoverReport,
  type FerryClient,
  ferryErrorOf,
  planTargetText,
  printable,
} from "@ferry/store/client";
import { useEffect, useRef, useState } from "react";

export interface DiscoverDialogProps {
  client: FerryClient;
  /** `applied`: the report of the run, after which the list reloads. */
  onClose: (applied: DiscoverReport | null) => void;
}

const message = (err: unknown) => ferryErrorOf(err)?.message ?? String(err);

/**
 * Discover (kftray: Auto Add): a context's annotation plan with a checkbox per row, and the
 * context's "watch for annotated services" switch. `discover.applyPlan` takes no subset of
 * rows, so Apply applies the whole plan and is enabled only when every row is checked.
 */
export function DiscoverDialog({ client, onClose }: DiscoverDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [contexts, setContexts] = useState<string[]>([]);
  const [context, setContext] = useState("");
  const [report, setReport] = useState<DiscoverReport | null>(null);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [watching, setWatching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
    client.kube.contexts
      .query({})
      .then((list) => {
        setContexts(list.map((c) => c.name));
        setContext((c) => c || (list[0]?.name ?? ""));
      })
      .catch((err: unknown) => setError(message(err)));
  }, [client]);

  // The context on screen now: an answer for another one that lands late must not touch it.
  const shown = useRef(context);
  shown.current = context;

  // One load per context, read together: it clears an older error only when both reads succeed.
  // A load for a context the user has already left is dropped when it lands.
  useEffect(() => {
    if (!context) return;
    let current = true;
    setReport(null);
    Promise.all([client.discover.live.query(), client.discover.plan.query({ contexts: [context] })])
      .then(([live, r]) => {
        if (!current) return;
        setWatching(live[context]?.watch === true);
        setReport(r);
        setChecked(new Set(r.rows.map((_, i) => i)));
        setError(null);
      })
      .catch((err: unknown) => {
        if (current) setError(message(err));
      });
    return () => {
      current = false;
    };
  }, [client, context]);

  const rows = report?.rows ?? [];
  const unchecked = rows.length - checked.size;
  const toggle = (i: number, on: boolean) =>
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(i);
      else next.delete(i);
      return next;
    });
  const apply = async () => {
    setBusy(true);
    try {
      onClose(await client.discover.applyPlan.mutate({ contexts: [context] }));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  // Ticked at once; a refusal (UNKNOWN_CONTEXT, KUBECONFIG_UNREADABLE) saved nothing, so the
  // switch goes back to what the daemon still has. Once the user has moved to another context
  // the answer is dropped: that context's switch was read from the daemon, and coming back
  // reads this one's again.
  const watch = (on: boolean) => {
    setWatching(on);
    client.discover.setLive.mutate({ context, watch: on }).then(
      () => {
        if (shown.current === context) setError(null);
      },
      (err: unknown) => {
        if (shown.current !== context) return;
        setWatching(!on);
        setError(message(err));
      },
    );
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="discover-title"
      onCancel={() => onClose(null)}
      className="dialog discover"
    >
      <h2 id="discover-title">Discover from annotations</h2>
      <label htmlFor="discover-context">Context</label>
      <select id="discover-context" value={context} onChange={(e) => setContext(e.target.value)}>
        {contexts.map((c) => (
          <option key={c} value={c}>
            {printable(c)}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={watching} onChange={(e) => watch(e.target.checked)} /> Watch
        this context for annotated services
      </label>
      {report === null && !error ? <p className="muted">Reading annotations…</p> : null}
      {report ? (
        <table>
          <caption className="sr-only">The plan</caption>
          <thead>
            <tr>
              <th scope="col">Apply</th>
              <th scope="col">Action</th>
              <th scope="col">Alias</th>
              <th scope="col">Target</th>
              <th scope="col">Local address</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={`${r.origin.namespace}/${r.origin.name}/${r.alias}`}
                data-plan-alias={r.alias}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Apply ${printable(r.alias)}`}
                    checked={checked.has(i)}
                    onChange={(e) => toggle(i, e.target.checked)}
                  />
                </td>
                <td>{r.action}</td>
                <td>{printable(r.alias)}</td>
                <td>{printable(planTargetText(r))}</td>
                <td>{printable(`${r.config.local_address}:${r.config.local_port}`)}</td>
                <td>{printable(r.reason ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report && report.problems.length > 0 ? (
        <>
          <h3>Problems (skipped)</h3>
          <ul>
            {report.problems.map((p) => (
              <li key={`${p.namespace}/${p.kind}/${p.name}/${p.message}`}>
                {printable(`${p.namespace}/${p.kind} ${p.name}: ${p.message}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unchecked > 0 ? (
        <p className="muted">
          Ferry applies a whole plan: {unchecked} row(s) unchecked. Check every row to apply.
        </p>
      ) : null}
      {error ? <p role="alert">{printable(error)}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={() => onClose(null)}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !report || unchecked > 0 || rows.length === 0}
          onClick={() => void apply()}
        >
          Apply the plan
        </button>
      </div>
    </dialog>
  );
}
