import { type FerryClient, ferryErrorOf, printable } from "@ferry/store/client";
import { type FormEvent, useState } from "react";
import { Field } from "./Field.tsx";

type Credential = "helper" | "env" | "file";

interface Props {
  client: FerryClient;
  onAdded: (name: string) => void;
}

/**
 * Adds a git sync source. The credential is a choice of where the daemon finds it: the user's
 * git credential helper, an environment variable (its name), or a token file (its path, 0600):
 * no token is ever typed here or stored by Ferry.
 */
export function SyncSourceForm({ client, onAdded }: Props) {
  const [v, setV] = useState({
    name: "",
    url: "",
    ref: "main",
    path: "",
    interval: "300",
    prune: true,
  });
  const [credential, setCredential] = useState<Credential>("helper");
  const [secretRef, setSecretRef] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = (k: keyof typeof v, value: string | boolean) => setV((p) => ({ ...p, [k]: value }));
  const text =
    (k: "name" | "url" | "ref" | "path" | "interval", placeholder = "") =>
    (a: object) => (
      <input
        {...a}
        value={v[k]}
        placeholder={placeholder}
        onChange={(e) => set(k, e.target.value)}
      />
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      const interval = Number(v.interval);
      const source = await client.sync.add.mutate({
        name: v.name.trim(),
        url: v.url.trim(),
        ref: v.ref.trim() || "main",
        path: v.path.trim(),
        prune: v.prune,
        ...(v.interval.trim() && Number.isFinite(interval) ? { intervalSeconds: interval } : {}),
        ...(credential === "env" ? { tokenEnv: secretRef.trim() } : {}),
        ...(credential === "file" ? { tokenFile: secretRef.trim() } : {}),
      });
      setMessage(null);
      setV({ name: "", url: "", ref: "main", path: "", interval: "300", prune: true });
      setSecretRef("");
      onAdded(source.name);
    } catch (err) {
      const f = ferryErrorOf(err);
      setErrors(f.fields);
      setMessage(f.message);
    }
  };

  return (
    <form className="sync-form" onSubmit={submit} noValidate aria-labelledby="sync-add-title">
      <h3 id="sync-add-title">Add a source</h3>
      {message ? (
        <p className="form-error" role="alert">
          {printable(message)}
        </p>
      ) : null}
      <div className="grid">
        <Field id="sy-name" label="Name" error={errors.name}>
          {text("name", "team")}
        </Field>
        <Field id="sy-url" label="Repository URL" error={errors.url} hint="https:// or file://">
          {text("url", "https://git.example.com/team/forwards.git")}
        </Field>
        <Field id="sy-ref" label="Branch" error={errors.ref}>
          {text("ref", "main")}
        </Field>
        <Field
          id="sy-path"
          label="Path in the repository"
          error={errors.path}
          hint="A JSON file or a folder of them"
        >
          {text("path", "forwards.json")}
        </Field>
        <Field id="sy-interval" label="Interval (seconds)" error={errors.intervalSeconds}>
          {text("interval", "300")}
        </Field>
        <Field id="sy-prune" label="Remove configs deleted upstream" error={errors.prune}>
          {(a) => (
            <input
              {...a}
              type="checkbox"
              checked={v.prune}
              onChange={(e) => set("prune", e.target.checked)}
            />
          )}
        </Field>
      </div>
      <fieldset className="credential">
        <legend>Credential</legend>
        {(
          [
            ["helper", "git credential helper (or none)"],
            ["env", "token in an environment variable"],
            ["file", "token file (mode 0600)"],
          ] as const
        ).map(([c, label]) => (
          <label key={c}>
            <input
              type="radio"
              name="credential"
              value={c}
              checked={credential === c}
              onChange={() => setCredential(c)}
            />{" "}
            {label}
          </label>
        ))}
        {credential === "helper" ? null : (
          <Field
            id="sy-secret"
            label={credential === "env" ? "Variable name" : "Token file"}
            error={errors.tokenEnv ?? errors.tokenFile}
          >
            {(a) => (
              <input
                {...a}
                value={secretRef}
                placeholder={credential === "env" ? "FORWARDS_TOKEN" : "~/.config/ferry/token"}
                onChange={(e) => setSecretRef(e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>
      <button type="submit" className="primary">
        Add source
      </button>
    </form>
  );
}
