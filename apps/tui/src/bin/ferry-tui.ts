#!/usr/bin/env node
import { registerTsx } from "./tsxHooks.ts";

// The components are JSX; see tsxHooks.ts for why the sources need this one hook.
registerTsx();
await import("../main.tsx");
