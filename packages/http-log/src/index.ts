export { createHttpLogger } from "./createHttpLogger.ts";
export { curlCommand } from "./curlCommand.ts";
export { HttpLogError, type HttpLogErrorCode, isHttpLogError } from "./httpLogError.ts";
export { parseHttpFile } from "./parseHttpFile.ts";
export { httpLogDir, httpLogFile } from "./paths.ts";
export { readExchanges } from "./readExchanges.ts";
export { replayExchange } from "./replayExchange.ts";
export { checkHttpLogSettings, defaultHttpLogSettings } from "./settings.ts";
export type {
  ConnectionTap,
  HttpExchangeDetail,
  HttpExchangeSummary,
  HttpLogger,
  HttpLoggerOptions,
  HttpLogProblem,
  HttpLogSettings,
  RestClientRequest,
} from "./types.ts";
