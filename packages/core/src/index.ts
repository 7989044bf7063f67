export type * from "./types.ts";
export * from "./relay/index.ts";
export * from "./udp/index.ts";
