import type { ForwardStatus } from "../api/daemonApi.ts";

/** The forward's state as a word (never colour alone) and, in error, the daemon's message. */
export function StateBadge({ status }: { status: ForwardStatus }) {
  return (
    <span className="state">
      <span className={`badge badge-${status.state}`} data-testid="state">
        {status.state}
      </span>
      {status.error ? (
        <span className="state-error" role="note">
          {status.error}
        </span>
      ) : null}
    </span>
  );
}
