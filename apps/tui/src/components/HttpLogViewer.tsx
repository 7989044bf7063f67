import {
  exchangeCells,
  exchangeHead,
  exchangePath,
  type FerryClient,
  type HttpExchangeDetail,
  printable,
} from "@ferry/store/client";
import { Box, Text } from "ink";
import { useState } from "react";
import { useLogViewer } from "../hooks/use-log-viewer.ts";
import { useLogViewerKeys } from "../hooks/use-log-viewer-keys.ts";
import { fit } from "../layout/fit.ts";
import { Panel } from "./Panel.tsx";

export interface HttpLogViewerProps {
  client: FerryClient;
  id: number;
  alias: string;
  width: number;
  height: number;
  onClose: () => void;
}

/** One exchange as the .http file holds it: request line, headers, body; then the response. */
function detailLines(d: HttpExchangeDetail): string[] {
  const head = exchangeHead(d);
  // An empty line still takes a row (Ink drops empty text).
  const body = (text: string) => (text ? [" ", ...text.split("\n")] : []);
  return [
    head.requestLine,
    ...head.requestHeaders,
    ...body(d.requestBody),
    " ",
    head.statusLine,
    ...head.responseHeaders,
    ...body(d.responseBody),
  ];
}

/** kftui's `V`: the forward's HTTP exchanges, following new ones; one in full on Enter. */
export function HttpLogViewer(p: HttpLogViewerProps) {
  const v = useLogViewer(p.client, p.id);
  const [top, setTop] = useState(0);
  useLogViewerKeys({
    detail: v.detail !== null,
    move: v.move,
    scroll: (step) => setTop((t) => Math.max(0, t + step)),
    toggleAuto: v.toggleAuto,
    open: () => {
      setTop(0);
      v.open();
    },
    closeDetail: v.close,
    replay: v.replay,
    edit: v.edit,
    close: p.onClose,
  });
  const width = Math.min(p.width, 120);
  const inner = width - 4;
  const room = Math.max(3, p.height - 6);
  const title = `HTTP log: ${printable(p.alias)} · ${v.exchanges.length} exchanges · auto-scroll ${v.auto ? "on" : "off"}`;
  const footer = v.detail
    ? "↑↓ scroll · r replay · o open the .http file in $EDITOR · Esc back"
    : "↑↓ move · Enter in full · a auto-scroll · r replay · o $EDITOR · Esc back";
  let body: string[];
  if (v.detail) body = detailLines(v.detail).slice(top, top + room);
  else {
    const start = Math.max(0, Math.min(v.cursor - room + 1, v.exchanges.length - room));
    body = v.exchanges.slice(Math.max(0, start), Math.max(0, start) + room).map((e, i) => {
      const c = exchangeCells(e);
      const at = Math.max(0, start) + i === v.cursor ? "›" : " ";
      const path = fit(c.path, Math.max(8, inner - 50));
      return `${at} ${c.time} ${fit(c.method, 7)} ${path} ${fit(c.status, 6)} ${fit(c.duration, 9)} ${c.size}`;
    });
  }
  return (
    <Panel title={title} width={width}>
      <Box flexDirection="column" height={room}>
        {body.length === 0 ? (
          <Text dimColor>
            No exchanges yet: requests through the forward show here as they happen.
          </Text>
        ) : (
          body.map((line, i) => (
            <Text
              key={`${i}:${line}`}
              inverse={!v.detail && line.startsWith("›")}
              wrap="truncate-end"
            >
              {printable(line)}
            </Text>
          ))
        )}
      </Box>
      {v.error ? <Text color="red">{printable(v.error)}</Text> : null}
      {v.message ? (
        <Text color={v.message.error ? "red" : "green"} wrap="truncate-end">
          {printable(v.message.text)}
        </Text>
      ) : null}
      <Text dimColor>
        {v.detail ? `${v.detail.traceId} · ${exchangePath(v.detail.url)}` : footer}
      </Text>
      {v.detail ? <Text dimColor>{footer}</Text> : null}
    </Panel>
  );
}
