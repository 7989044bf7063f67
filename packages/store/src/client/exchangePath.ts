/** The request's path and query, whether the log holds an absolute URL or a request target. */
export function exchangePath(url: string): string {
  try {
    const u = new URL(url, "http://forward.invalid");
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
