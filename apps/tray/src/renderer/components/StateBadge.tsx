import { type ForwardRow, printable } from "@ferry/store/client";

export interface StateBadgeProps {
  row: Pick<ForwardRow, "state" | "error">;
}

/** The forward's state as a word (never colour alone) and, in error, the daemon's message. */
export function StateBadge({ row }: StateBadgeProps) {
  return (
    <span className="state">
      <span className={`badge badge-${row.state}`} data-testid="state">
        {row.state}
      </span>
      {row.error ? (
        <span className="state-error" role="note">
          {printable(row.error.message)}
        </span>
      ) : null}
    </span>
  );
}
