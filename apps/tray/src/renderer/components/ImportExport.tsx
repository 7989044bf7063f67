import { useRef } from "react";
import { toApiError } from "../api/apiError.ts";
import type { DaemonApi } from "../api/daemonApi.ts";

interface Props {
  api: DaemonApi;
  onNotice: (message: string) => void;
  onImported: () => void;
}

/** Import a JSON file (kftray format, comments allowed) and export every config as one. */
export function ImportExport({ api, onNotice, onImported }: Props) {
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    try {
      const result = await api.importConfigs(await file.text());
      const warnings = result.warnings.length ? ` (${result.warnings.join("; ")})` : "";
      onNotice(
        `Imported ${file.name}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged${warnings}`,
      );
      onImported();
    } catch (err) {
      onNotice(`Import failed: ${toApiError(err).message}`);
    }
  };

  const exportFile = async () => {
    try {
      const text = await api.exportConfigs();
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "ferry-configs.json";
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      onNotice(`Export failed: ${toApiError(err).message}`);
    }
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import configs from a JSON file"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void importFile(file);
        }}
      />
      <button type="button" onClick={() => void exportFile()}>
        Export
      </button>
    </>
  );
}
