import type { Session } from "electron";

/**
 * The window loads the renderer from file://, whose requests carry `Origin: null`: an origin
 * the daemon rightly refuses. For requests to the daemon's own URL only, main drops the Origin
 * header (the daemon then treats the call like the CLI's: token required) and marks the reply
 * readable by the page. Nothing else the window loads is touched. Called again for each new
 * daemon (a restarted one has another port): Electron uses only the last listener attached to a
 * webRequest event, so the previous daemon's URL stops being rewritten.
 */
export function allowRendererToReachDaemon(session: Session, daemonUrl: string) {
  const http = `${daemonUrl.replace(/\/$/, "")}/*`;
  const ws = http.replace(/^http/, "ws");
  const filter = { urls: [http, ws] };
  session.webRequest.onBeforeSendHeaders(filter, (details, done) => {
    const headers = { ...details.requestHeaders };
    delete headers.Origin;
    delete headers.origin;
    done({ requestHeaders: headers });
  });
  session.webRequest.onHeadersReceived(filter, (details, done) => {
    done({
      responseHeaders: {
        ...details.responseHeaders,
        "access-control-allow-origin": ["*"],
        "access-control-allow-headers": ["authorization, content-type, trpc-accept"],
        "access-control-allow-methods": ["GET, POST, OPTIONS"],
      },
    });
  });
}
