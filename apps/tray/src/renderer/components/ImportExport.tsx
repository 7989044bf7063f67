import { type FerryClient, ferryErrorOf, printable } from "@ferry/store/client";
import { useRef } from "react";

export interface ImportExportProps {
  client: FerryClient;
  onNotice: (message: string) => void;
  onImported: () => void;
}

/** Import a JSON file (kftray format, comments allowed) and export every config as one. */
export function ImportExport({ client, onNotice, onImported }: ImportExportProps) {
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    try {
      const r = await client.configs.import.mutate({ text: await file.text() });
      const warnings = r.warnings.length ? ` (${r.warnings.join("; ")})` : "";
      onNotice(
        printable(
          `Imported ${file.name}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged${warnings}`,
        ),
      );
      onImported();
    } catch (err) {
      onNotice(`Import failed: ${ferryErrorOf(err).message}`);
    }
  };

  const exportFile = async () => {
    try {
      const text = await client.configs.export.query();
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "ferry-configs.json";
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      onNotice(`Export failed: ${ferryErrorOf(err).message}`);
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
