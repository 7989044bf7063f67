import {
  type FerryClient,
  ferryErrorOf,
  printable,
  type SyncSource,
  syncCounts,
} from "@ferry/store/client";
import { useCallback, useEffect, useState } from "react";
import { SyncSourceForm } from "./SyncSourceForm.tsx";

const when = (at: number | null) => (at ? new Date(at).toLocaleString() : "never");

/** Git sync: each source with its status, last commit and last error; sync now; add; remove. */
export function SyncView({ client }: { client: FerryClient }) {
  const [sources, setSources] = useState<SyncSource[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    () => client.sync.list.query().then(setSources, (e) => setNotice(ferryErrorOf(e).message)),
    [client],
  );
  useEffect(() => {
    void load();
    // Every status change is pushed; the list is read again whole (it is a handful of rows).
    const sub = client.sync.events.subscribe(undefined, {
      onData: () => void load(),
      onError: () => {},
    });
    return () => sub.unsubscribe();
  }, [client, load]);

  const now = async (name?: string) => {
    setNotice(name ? `Syncing ${name}…` : "Syncing every source…");
    try {
      const reports = await client.sync.now.mutate(name ? { name } : {});
      setNotice(
        reports
          .map((r) =>
            r.error
              ? `${r.source}: ${r.error.message}`
              : `${r.source}: ${syncCounts(r).join(", ")}`,
          )
          .join(" · "),
      );
    } catch (e) {
      setNotice(ferryErrorOf(e).message);
    }
    await load();
  };
  const remove = async (name: string) => {
    try {
      const r = await client.sync.remove.mutate({ name });
      setNotice(`Removed ${name} and its ${r.removed} config(s).`);
    } catch (e) {
      setNotice(ferryErrorOf(e).message);
    }
    await load();
  };

  return (
    <section className="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">Git sync</h2>
      <p role="status" className="muted">
        {notice ? printable(notice) : null}
      </p>
      {sources.length === 0 ? (
        <p className="muted">No sources yet: a team's forwards can come from a git repository.</p>
      ) : (
        <>
          <button type="button" onClick={() => void now()}>
            Sync all now
          </button>
          <table className="sources">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Repository</th>
                <th scope="col">Last sync</th>
                <th scope="col">Commit</th>
                <th scope="col">Last error</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.name} data-source={s.name}>
                  <td>{printable(s.name)}</td>
                  <td>
                    <code>{printable(`${s.url}#${s.ref}:${s.path}`)}</code>
                  </td>
                  <td data-testid="last-sync">
                    {s.status.syncing ? "syncing…" : when(s.status.lastSyncAt)}
                  </td>
                  <td data-testid="commit">
                    <code>{s.status.lastCommit ? s.status.lastCommit.slice(0, 7) : "—"}</code>
                  </td>
                  <td data-testid="last-error" className={s.status.lastError ? "state-error" : ""}>
                    {s.status.lastError ? printable(s.status.lastError.message) : "—"}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void now(s.name)}
                      aria-label={`Sync now ${s.name}`}
                    >
                      Sync now
                    </button>{" "}
                    <button
                      type="button"
                      onClick={() => void remove(s.name)}
                      aria-label={`Remove ${s.name}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <SyncSourceForm
        client={client}
        onAdded={(name) => {
          setNotice(`Added ${name}; syncing it now.`);
          void now(name);
        }}
      />
    </section>
  );
}
