import { join } from "node:path";
import { LAUNCH_AGENT_LABEL, type ServiceSpec } from "./serviceSpec.ts";

const xml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const str = (s: string) => `<string>${xml(s)}</string>`;

/**
 * The macOS LaunchAgent: started at login, restarted when it exits with a failure, stdout and
 * stderr to launchd.log in FERRY_HOME (launchd has no journal; ferryd writes daemon.log itself).
 */
export function launchAgentPlist(spec: ServiceSpec): string {
  const env = Object.entries(spec.env)
    .map(([k, v]) => `      <key>${xml(k)}</key>${str(v)}`)
    .join("\n");
  const log = join(spec.home, "launchd.log");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
  <dict>
    <key>Label</key>${str(LAUNCH_AGENT_LABEL)}
    <key>ProgramArguments</key>
    <array>
${spec.program.map((p) => `      ${str(p)}`).join("\n")}
    </array>
    <key>EnvironmentVariables</key>
    <dict>
${env}
    </dict>
    <key>RunAtLoad</key><true/>
    <key>KeepAlive</key>
    <dict><key>SuccessfulExit</key><false/></dict>
    <key>Umask</key><integer>63</integer>
    <key>StandardOutPath</key>${str(log)}
    <key>StandardErrorPath</key>${str(log)}
  </dict>
</plist>
`;
}
