export * from "./config.ts";
export { describeValue } from "./describeValue.ts";
export { FerryError, type FerryErrorCode, type FerryIssue, isFerryError } from "./ferryError.ts";
export { formatIssues, issueLines } from "./formatIssues.ts";
export * from "./settings.ts";
