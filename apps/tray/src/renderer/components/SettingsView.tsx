import {
  type FerryClient,
  ferryErrorOf,
  type RouterOutputs,
  SETTING_KEYS,
} from "@ferry/store/client";
import { useEffect, useState } from "react";
import { type Bounds, MIN_SIZE, parseBounds, WINDOW_SETTING } from "../../main/windowState.ts";

type DaemonInfo = RouterOutputs["daemon"]["info"];

const MANIFEST_KEY = SETTING_KEYS.proxyManifestPath;
const STOP_ON_QUIT_KEY = SETTING_KEYS.trayStopDaemonOnQuit;
const SHORTCUT_KEY = SETTING_KEYS.trayGlobalShortcut;
const SCHEME_KEY = SETTING_KEYS.openScheme;

/** Settings: the relay manifest template, the tray's quit behaviour, and the daemon itself. */
export function SettingsView({ client }: { client: FerryClient }) {
  const [info, setInfo] = useState<DaemonInfo | null>(null);
  const [manifest, setManifest] = useState("");
  const [stopOnQuit, setStopOnQuit] = useState(false);
  const [shortcut, setShortcut] = useState("");
  const [scheme, setScheme] = useState("http");
  const [message, setMessage] = useState<string | null>(null);
  const [bounds, setBounds] = useState<Bounds | null>(null);
  const [size, setSize] = useState({ width: "", height: "" });

  useEffect(() => {
    client.daemon.info.query().then(setInfo, (e) => setMessage(ferryErrorOf(e).message));
    client.settings.get.query(MANIFEST_KEY).then(
      (v) => setManifest(typeof v === "string" ? v : ""),
      () => {},
    );
    client.settings.get.query(SHORTCUT_KEY).then(
      (v) => setShortcut(typeof v === "string" ? v : ""),
      () => {},
    );
    client.settings.get.query(SCHEME_KEY).then(
      (v) => setScheme(v === "https" ? "https" : "http"),
      () => {},
    );
    client.settings.get.query(WINDOW_SETTING).then(
      (v) => {
        const b = parseBounds(v);
        setBounds(b);
        if (b) setSize({ width: String(b.width), height: String(b.height) });
      },
      () => {},
    );
    client.settings.get.query(STOP_ON_QUIT_KEY).then(
      (v) => setStopOnQuit(v === true),
      () => {},
    );
  }, [client]);

  const save = async () => {
    const width = Number(size.width);
    const height = Number(size.height);
    const sized = size.width.trim() !== "" || size.height.trim() !== "";
    if (
      sized &&
      !(
        Number.isInteger(width) &&
        Number.isInteger(height) &&
        width >= MIN_SIZE.width &&
        height >= MIN_SIZE.height
      )
    )
      return setMessage(
        `Window size: whole numbers of at least ${MIN_SIZE.width} × ${MIN_SIZE.height} pixels.`,
      );
    try {
      if (sized) {
        // Main opens the window at these bounds next time (clamped to the displays present).
        const place = bounds ?? { x: window.screenX, y: window.screenY };
        const value = { x: place.x, y: place.y, width, height };
        await client.settings.set.mutate({ key: WINDOW_SETTING, value });
        setBounds(value);
      }
      const manifestValue = manifest.trim() === "" ? null : manifest.trim();
      await client.settings.set.mutate({ key: MANIFEST_KEY, value: manifestValue });
      await client.settings.set.mutate({ key: STOP_ON_QUIT_KEY, value: stopOnQuit });
      const keys = shortcut.trim();
      await client.settings.set.mutate({ key: SHORTCUT_KEY, value: keys === "" ? null : keys });
      await client.settings.set.mutate({ key: SCHEME_KEY, value: scheme });
      setMessage("Settings saved.");
    } catch (e) {
      setMessage(ferryErrorOf(e).message);
    }
  };

  const defaultManifest = info
    ? `${info.home}/proxy_manifest.json`
    : "FERRY_HOME/proxy_manifest.json";
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <div className="field">
        <label htmlFor="s-manifest">Relay pod manifest template</label>
        <input
          id="s-manifest"
          value={manifest}
          placeholder={defaultManifest}
          aria-describedby="s-manifest-hint"
          onChange={(e) => setManifest(e.target.value)}
        />
        <span id="s-manifest-hint" className="muted">
          Empty: {defaultManifest}
        </span>
      </div>
      <div className="field checkbox">
        <input
          id="s-stop"
          type="checkbox"
          checked={stopOnQuit}
          onChange={(e) => setStopOnQuit(e.target.checked)}
        />
        <label htmlFor="s-stop">Quitting the tray also stops the daemon and every forward</label>
      </div>
      <div className="field">
        <label htmlFor="s-shortcut">Global shortcut to show or hide Ferry</label>
        <input
          id="s-shortcut"
          value={shortcut}
          placeholder="off"
          aria-describedby="s-shortcut-hint"
          onChange={(e) => setShortcut(e.target.value)}
        />
        <span id="s-shortcut-hint" className="muted">
          An accelerator such as CommandOrControl+Shift+F; empty turns it off.
        </span>
      </div>
      <div className="field">
        <label htmlFor="s-scheme">Open forwards in the browser with</label>
        <select id="s-scheme" value={scheme} onChange={(e) => setScheme(e.target.value)}>
          <option value="http">http</option>
          <option value="https">https</option>
        </select>
      </div>
      <fieldset className="window-size">
        <legend>Window size (the window also remembers how you resize it)</legend>
        {(["width", "height"] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`s-${k}`}>{k === "width" ? "Width" : "Height"}</label>
            <input
              id={`s-${k}`}
              inputMode="numeric"
              value={size[k]}
              placeholder={String(k === "width" ? 1100 : 760)}
              onChange={(e) => setSize({ ...size, [k]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>
      <button type="button" className="primary" onClick={() => void save()}>
        Save settings
      </button>
      {message ? <p role="status">{message}</p> : null}
      <h3>Daemon</h3>
      {info ? (
        <dl>
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Process</dt>
          <dd>{info.pid}</dd>
          <dt>Address</dt>
          <dd>
            <code>{info.url}</code>
          </dd>
          <dt>FERRY_HOME</dt>
          <dd>
            <code>{info.home}</code>{" "}
            {/* In Electron, main opens file: links with the system file manager. */}
            <a href={`file://${info.home}`} target="_blank" rel="noreferrer">
              Open FERRY_HOME
            </a>
          </dd>
        </dl>
      ) : (
        <p className="muted">Daemon information unavailable.</p>
      )}
    </section>
  );
}
