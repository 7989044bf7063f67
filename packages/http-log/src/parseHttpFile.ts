import type { RestClientRequest } from "./types.ts";

/*
 * A checker for the REST Client (humao.rest-client) request format, as its README describes
 * it and as the extension reads a file: `###` lines (three or more `#`) separate requests;
 * lines starting with `#` or `//` are comments, wherever they are; the first other line is the
 * request line `[METHOD] URL [HTTP/version]` (GET when the method is left out), lines right
 * after it that start with `?` or `&` continue the URL; then `Name: value` headers up to the
 * first blank line; everything after that blank line is the body (trailing blank lines
 * dropped). A path-only URL takes its host from the Host header.
 */

const DELIMITER = /^#{3,}/;
const COMMENT = /^\s*(#|\/\/)/;
const FILE_VARIABLE = /^\s*@([^\s=]+)\s*=\s*(.*?)\s*$/;
const RESPONSE_STATUS = /^\s*HTTP\/[\d.]+/;
const QUERY_CONTINUATION = /^\s*[&?]/;
const METHOD = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE)\s+/i;

interface Line {
  text: string;
  no: number;
}

function requestRange(lines: Line[]): Line[] {
  let start = 0;
  let end = lines.length - 1;
  while (start <= end) {
    const first = lines[start]!.text;
    if (RESPONSE_STATUS.test(first)) return [];
    if (first.trim() === "" || FILE_VARIABLE.test(first)) {
      start++;
      continue;
    }
    if (lines[end]!.text.trim() === "") {
      end--;
      continue;
    }
    return lines.slice(start, end + 1);
  }
  return [];
}

function parseRequest(block: Line[]): RestClientRequest {
  const urlParts: string[] = [];
  const headers: [string, string][] = [];
  const body: string[] = [];
  let state: "url" | "header" | "body" = "url";
  for (let i = 0; i < block.length; i++) {
    const line = block[i]!.text;
    const next = block[i + 1]?.text;
    if (state === "url") {
      urlParts.push(line.trim());
      if (next === undefined || QUERY_CONTINUATION.test(next)) continue;
      if (next.trim()) state = "header";
      else {
        i++; // the blank line before the body
        state = "body";
      }
    } else if (state === "header") {
      const colon = line.indexOf(":");
      const name = (colon < 0 ? line : line.slice(0, colon)).trim();
      headers.push([name, colon < 0 ? "" : line.slice(colon + 1).trim()]);
      if (next !== undefined && next.trim() === "") {
        i++;
        state = "body";
      }
    } else body.push(line);
  }
  const requestLine = urlParts.join("");
  const m = METHOD.exec(requestLine);
  const method = m ? m[1]!.toUpperCase() : "GET";
  let url = (m ? requestLine.slice(m[0].length) : requestLine).trim();
  const version = /\s+HTTP\/.*$/i.exec(url);
  if (version) url = url.slice(0, version.index);
  const host = headers.find(([k]) => k.toLowerCase() === "host")?.[1];
  if (host && url.startsWith("/")) {
    const port = host.split(":")[1];
    url = `${port === "443" || port === "8443" ? "https" : "http"}://${host}${url}`;
  }
  return { method, url, headers, body: body.join("\n"), line: block[0]!.no };
}

/** Every request block of a `.http` file, as REST Client would send it. */
export function parseHttpFile(text: string): RestClientRequest[] {
  const blocks: Line[][] = [[]];
  text.split(/\r?\n/).forEach((t, i) => {
    if (DELIMITER.test(t)) blocks.push([]);
    else if (!COMMENT.test(t)) blocks[blocks.length - 1]!.push({ text: t, no: i + 1 });
  });
  const out: RestClientRequest[] = [];
  for (const b of blocks) {
    const range = requestRange(b);
    if (range.length) out.push(parseRequest(range));
  }
  return out;
}
