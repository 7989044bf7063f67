import { type FerryClient, ferryErrorOf, type HttpExchangeDetail } from "@ferry/store/client";
import { useStdin } from "ink";
import { useState } from "react";
import { openInEditor } from "../api/openEditor.ts";
import { exchangePath } from "../model/exchangeRow.ts";
import { exchangeDetail, useHttpLog } from "./use-http-log.ts";

export interface Message {
  text: string;
  error: boolean;
}

/**
 * The viewer's data and actions: the exchanges (following new ones while auto-scroll is on),
 * the cursor, one exchange in full, replay through the forward, the file in $EDITOR.
 */
export function useLogViewer(client: FerryClient, ref: number) {
  const { exchanges, error } = useHttpLog(client, ref);
  const { setRawMode } = useStdin();
  const [picked, setPicked] = useState<number | null>(null);
  const [auto, setAuto] = useState(true);
  const [detail, setDetail] = useState<HttpExchangeDetail | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const last = exchanges.length - 1;
  const cursor = auto || picked === null ? last : Math.min(picked, last);
  const current = exchanges[cursor];
  const fail = (err: unknown) => setMessage({ text: ferryErrorOf(err).message, error: true });

  const move = (step: number) => {
    setAuto(false);
    setPicked(Math.max(0, Math.min(last, cursor + step)));
  };
  const toggleAuto = () => {
    setPicked(cursor);
    setAuto((a) => !a);
  };
  const open = () => {
    if (!current) return;
    exchangeDetail(client, ref, current).then(
      (d) =>
        d
          ? setDetail(d)
          : setMessage({ text: "That exchange is no longer in the file.", error: true }),
      fail,
    );
  };
  /** Sends the exchange on display (or under the cursor) again through the same forward. */
  const replay = () => {
    const e = detail ?? current;
    if (!e) return;
    setMessage({ text: `Replaying ${e.method} ${exchangePath(e.url)}…`, error: false });
    client.logs.replay.mutate({ ref, traceId: e.traceId }).then(
      (r) =>
        setMessage({
          text: `Replayed ${e.method} ${exchangePath(e.url)}: ${r.status} in ${Math.round(r.durationMs)} ms (logged as a new exchange)`,
          error: false,
        }),
      fail,
    );
  };
  const edit = () => {
    client.logs.file.query({ ref }).then((f) => {
      if (!f.path)
        return setMessage({ text: "No log file yet: make a request first.", error: true });
      try {
        openInEditor(f.path, setRawMode);
        setMessage({ text: `Edited ${f.path}`, error: false });
      } catch (err) {
        fail(err);
      }
    }, fail);
  };

  return {
    exchanges,
    error,
    cursor,
    auto,
    detail,
    message,
    move,
    toggleAuto,
    open,
    close: () => setDetail(null),
    replay,
    edit,
  };
}
